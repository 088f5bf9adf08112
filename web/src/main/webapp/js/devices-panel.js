// "My devices": every valid session of the user, the current one marked; revoke one or all others.

import { api } from './api.js';
import { describe } from './messages.js';
import { clear, element, formatTimestamp, showError } from './format.js';

const $ = (id) => document.getElementById(id);

export function createDevicesPanel({ status, timeZone, onActivity, onCurrentRevoked }) {
  const errorLine = $('devices-error');

  function describeDevice(device) {
    if (device.kind === 'api_key') {
      return `API key: ${device.name}`;
    }
    const what = [device.browser, device.platform].filter(Boolean).join(' on ');
    return what || device.user_agent || 'Unknown device';
  }

  function render(devices) {
    const list = $('device-list');
    clear(list);
    if (devices.length === 0) {
      list.append(element('li', { text: 'No active sessions.', className: 'muted' }));
      return;
    }
    devices.forEach((device) => {
      const item = element('li', { className: device.current ? 'device current' : 'device' });
      const title = element('p', { className: 'device-title' });
      title.append(element('strong', { text: describeDevice(device) }));
      if (device.current) {
        title.append(' ', element('span', { text: 'This device', className: 'badge' }));
      }
      item.append(title);
      item.append(
        element('p', {
          className: 'muted',
          text: device.kind === 'api_key'
            ? `created ${formatTimestamp(device.created_at, timeZone())} · last used ${formatTimestamp(device.last_activity_at, timeZone())}`
            : `${device.ip_address || 'unknown address'} · signed in ${formatTimestamp(device.created_at, timeZone())} · last active ${formatTimestamp(device.last_activity_at, timeZone())}`,
        }),
      );
      const revoke = element('button', {
        text: device.current ? 'Log out here' : 'Revoke',
        className: 'danger small',
        attributes: { type: 'button', 'aria-label': `${device.current ? 'Log out here' : 'Revoke'}: ${describeDevice(device)}` },
      });
      revoke.dataset.deviceId = device.id;
      revoke.addEventListener('click', () => revokeDevice(device));
      item.append(revoke);
      list.append(item);
    });
  }

  async function load() {
    showError(errorLine, '');
    try {
      render(await api.listDevices());
      onActivity();
    } catch (error) {
      if (error.code === 'not_found') {
        // A server from before API.md §4 has no device endpoints.
        showError(errorLine, 'This server does not list devices yet.');
      } else if (error.status !== 401) {
        showError(errorLine, `The device list could not be loaded: ${describe(error)}`);
      }
    }
  }

  async function revokeDevice(device) {
    try {
      await api.revokeDevice(device.id);
      if (device.current) {
        onCurrentRevoked();
        return;
      }
      onActivity();
      status.say(`Signed out ${describeDevice(device)}.`);
      await load();
      $('devices-title').focus();
    } catch (error) {
      if (error.status !== 401) {
        showError(errorLine, describe(error));
      }
    }
  }

  $('devices-refresh').addEventListener('click', load);
  $('devices-revoke-others').addEventListener('click', async () => {
    try {
      await api.revokeOtherDevices();
      onActivity();
      status.say('You are signed out everywhere else.');
      await load();
    } catch (error) {
      if (error.status !== 401) {
        showError(errorLine, describe(error));
      }
    }
  });

  return {
    load,
    reset() {
      clear($('device-list'));
      showError(errorLine, '');
    },
  };
}
