// "API keys": create a key (shown once, to copy), list the valid keys, revoke one.

import { api } from './api.js';
import { describe } from './messages.js';
import { clear, element, formatTimestamp, showError } from './format.js';

const $ = (id) => document.getElementById(id);
const DAY_MS = 24 * 60 * 60 * 1000;
// The server's default erp.api-key.max-lifetime; the server has the last word.
const MAX_DAYS = 90;
const DEFAULT_DAYS = 30;

/** The date input's value N days from today (UTC), as YYYY-MM-DD. */
function dayFromNow(days) {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
}

export function createApiKeysPanel({ status, timeZone, onActivity }) {
  const errorLine = $('api-key-error');
  const expiry = $('api-key-expiry');

  function resetForm() {
    $('api-key-name').value = '';
    expiry.min = dayFromNow(1);
    expiry.max = dayFromNow(MAX_DAYS - 1);
    expiry.value = dayFromNow(DEFAULT_DAYS);
    $('api-key-max-days').textContent = String(MAX_DAYS);
  }

  function hideNewKey() {
    $('api-key-value').value = '';
    $('api-key-new').hidden = true;
  }

  function render(keys) {
    const list = $('api-key-list');
    clear(list);
    if (keys.length === 0) {
      list.append(element('li', { text: 'No API keys.', className: 'muted' }));
      return;
    }
    keys.forEach((key) => {
      const item = element('li', { className: 'device api-key' });
      const title = element('p', { className: 'device-title' });
      title.append(element('strong', { text: key.name }));
      item.append(title);
      const used = key.last_used_at ? `last used ${formatTimestamp(key.last_used_at, timeZone())}` : 'never used';
      const expires = key.expires_at ? `expires ${formatTimestamp(key.expires_at, timeZone())}` : 'never expires';
      item.append(
        element('p', {
          className: 'muted',
          text: `created ${formatTimestamp(key.created_at, timeZone())} · ${expires} · ${used}`,
        }),
      );
      const revoke = element('button', {
        text: 'Revoke',
        className: 'danger small',
        attributes: { type: 'button', 'aria-label': `Revoke: ${key.name}` },
      });
      revoke.dataset.keyId = key.id;
      revoke.addEventListener('click', () => revokeKey(key));
      item.append(revoke);
      list.append(item);
    });
  }

  async function load() {
    showError(errorLine, '');
    try {
      render(await api.listApiKeys());
      onActivity();
    } catch (error) {
      if (error.status !== 401) {
        showError(errorLine, `The keys could not be loaded: ${describe(error)}`);
      }
    }
  }

  async function revokeKey(key) {
    try {
      await api.revokeApiKey(key.id);
      onActivity();
      status.say(`Revoked the key ${key.name}.`);
      await load();
      $('api-keys-title').focus();
    } catch (error) {
      if (error.status !== 401) {
        showError(errorLine, describe(error));
      }
    }
  }

  $('api-key-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    showError(errorLine, '');
    const name = $('api-key-name').value.trim();
    if (!name || !expiry.value) {
      showError(errorLine, 'Give the key a name and an expiry date.');
      return;
    }
    try {
      const created = await api.createApiKey(name, `${expiry.value}T00:00:00Z`);
      onActivity();
      $('api-key-value').value = created.key;
      $('api-key-new').hidden = false;
      $('api-key-value').focus();
      $('api-key-value').select();
      status.say(`Created the key ${created.name}.`);
      resetForm();
      await load();
    } catch (error) {
      if (error.status !== 401) {
        showError(errorLine, describe(error));
      }
    }
  });

  $('api-key-copy').addEventListener('click', async () => {
    const field = $('api-key-value');
    try {
      await navigator.clipboard.writeText(field.value);
      status.say('The key is copied.');
    } catch (notAllowed) {
      // Without clipboard access the key stays selected for the user to copy.
      field.focus();
      field.select();
      status.say('Select the key and copy it.');
    }
  });
  $('api-key-done').addEventListener('click', () => {
    hideNewKey();
    $('api-keys-title').focus();
  });

  resetForm();
  return {
    load,
    reset() {
      hideNewKey();
      resetForm();
      clear($('api-key-list'));
      showError(errorLine, '');
    },
  };
}
