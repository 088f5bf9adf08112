// Two-factor authentication (API.md §14): enrolment with the server-drawn QR code in
// "Preferences", and the remembered browsers in "My devices".

import { api } from './api.js';
import { describe } from './messages.js';
import { clear, element, formatTimestamp, showError } from './format.js';

const $ = (id) => document.getElementById(id);

/** The server's SVG as DOM nodes: parsed as XML, never as HTML, so nothing in it runs. */
function svgNode(markup) {
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = parsed.documentElement;
  return root && root.nodeName === 'svg' ? document.importNode(root, true) : element('p', { text: 'QR code unavailable: type the key.' });
}

export function createTotpPanel({ status, timeZone, onActivity }) {
  const enrolForm = $('totp-enrol-form');
  const enrolError = $('totp-enrol-error');

  function renderState(enabled) {
    $('totp-state').textContent = enabled
      ? 'On: signing in asks for a code from your authenticator app.'
      : 'Off: signing in asks for your password only.';
    $('totp-setup').hidden = enabled;
    $('totp-disable').hidden = !enabled;
    if (enabled) {
      enrolForm.hidden = true;
    }
  }

  async function loadStatus() {
    try {
      renderState((await api.totpStatus()).enabled);
    } catch (error) {
      if (error.status !== 401) {
        $('totp-state').textContent = describe(error);
      }
    }
  }

  $('totp-setup').addEventListener('click', async () => {
    showError(enrolError, '');
    try {
      const enrolment = await api.startTotp();
      const qr = $('totp-qr');
      clear(qr);
      qr.append(svgNode(enrolment.qr_svg));
      $('totp-secret').textContent = enrolment.secret;
      $('totp-confirm-code').value = '';
      enrolForm.hidden = false;
      onActivity();
      $('totp-confirm-code').focus();
    } catch (error) {
      if (error.status !== 401) {
        $('totp-state').textContent = describe(error);
      }
    }
  });

  enrolForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = $('totp-confirm-code').value.trim();
    try {
      await api.confirmTotp(code);
      // The key is not shown again.
      clear($('totp-qr'));
      $('totp-secret').textContent = '';
      renderState(true);
      onActivity();
      status.say('Two-factor authentication is on.');
    } catch (error) {
      if (error.status !== 401) {
        showError(enrolError, describe(error));
        $('totp-confirm-code').focus();
      }
    }
  });

  $('totp-disable').addEventListener('click', async () => {
    try {
      await api.disableTotp();
      renderState(false);
      onActivity();
      status.say('Two-factor authentication is off.');
    } catch (error) {
      if (error.status !== 401) {
        $('totp-state').textContent = describe(error);
      }
    }
  });

  function renderTrusted(devices) {
    const list = $('trusted-list');
    clear(list);
    if (devices.length === 0) {
      list.append(element('li', { text: 'No remembered browsers.', className: 'muted' }));
      return;
    }
    devices.forEach((device) => {
      const what = [device.browser, device.platform].filter(Boolean).join(' on ') || 'Unknown browser';
      const item = element('li', { className: device.current ? 'device current trusted' : 'device trusted' });
      const title = element('p', { className: 'device-title' });
      title.append(element('strong', { text: what }));
      if (device.current) {
        title.append(' ', element('span', { text: 'This browser', className: 'badge' }));
      }
      item.append(title);
      item.append(element('p', {
        className: 'muted',
        text: `remembered ${formatTimestamp(device.created_at, timeZone())} · until ${formatTimestamp(device.expires_at, timeZone())}`,
      }));
      const forget = element('button', {
        text: 'Forget',
        className: 'danger small',
        attributes: { type: 'button', 'aria-label': `Forget: ${what}` },
      });
      forget.dataset.trustedId = device.id;
      forget.addEventListener('click', async () => {
        try {
          await api.forgetTrustedDevice(device.id);
          status.say(`${what} will ask for the code again.`);
          await loadTrusted();
        } catch (error) {
          if (error.status !== 401) {
            showError($('trusted-error'), describe(error));
          }
        }
      });
      item.append(forget);
      list.append(item);
    });
  }

  async function loadTrusted() {
    showError($('trusted-error'), '');
    try {
      renderTrusted(await api.listTrustedDevices());
    } catch (error) {
      if (error.status !== 401) {
        showError($('trusted-error'), describe(error));
      }
    }
  }

  return {
    loadStatus,
    loadTrusted,
    reset() {
      enrolForm.hidden = true;
      clear($('totp-qr'));
      $('totp-secret').textContent = '';
      clear($('trusted-list'));
    },
  };
}
