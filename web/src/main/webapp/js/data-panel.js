// The session's custom data: list, add (any JSON value typed as JSON text), delete.

import { api } from './api.js';
import { describe } from './messages.js';
import { tabState } from './storage.js';
import { clear, element, showError } from './format.js';

const $ = (id) => document.getElementById(id);
const KEY_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
// The same words the server refuses (API.md §3): a draft under such a key may hold a secret,
// so it is never written to sessionStorage.
const SECRET_WORDS = /password|passwd|pwd|secret|token|apikey|api_key|credit_card|card_number|cvv|iban/i;

export function createDataPanel({ status, onActivity }) {
  const form = $('data-form');
  const keyInput = $('data-key');
  const valueInput = $('data-value');
  const errorLine = $('data-error');

  function saveDraft() {
    const key = keyInput.value;
    const value = valueInput.value;
    if ((!key && !value) || SECRET_WORDS.test(key)) {
      tabState.setDataDraft(null);
    } else {
      tabState.setDataDraft({ key, value });
    }
  }

  function restoreDraft() {
    const draft = tabState.dataDraft();
    if (draft && typeof draft === 'object') {
      keyInput.value = typeof draft.key === 'string' ? draft.key : '';
      valueInput.value = typeof draft.value === 'string' ? draft.value : '';
    }
  }

  function render(data) {
    const rows = $('data-rows');
    clear(rows);
    const keys = Object.keys(data).sort();
    keys.forEach((key) => {
      const row = element('tr');
      row.append(element('th', { text: key, attributes: { scope: 'row' } }));
      const valueCell = element('td');
      valueCell.append(element('code', { text: JSON.stringify(data[key]) }));
      row.append(valueCell);
      const actions = element('td', { className: 'actions' });
      const remove = element('button', {
        text: 'Delete',
        className: 'danger small',
        attributes: { type: 'button', 'aria-label': `Delete ${key}` },
      });
      remove.addEventListener('click', () => deleteKey(key));
      actions.append(remove);
      row.append(actions);
      rows.append(row);
    });
    $('data-table').hidden = keys.length === 0;
    $('data-empty').hidden = keys.length !== 0;
  }

  async function load() {
    try {
      render(await api.listData());
      onActivity();
    } catch (error) {
      if (error.status !== 401) {
        showError(errorLine, describe(error));
      }
    }
  }

  async function deleteKey(key) {
    try {
      await api.deleteData(key);
      onActivity();
      status.say(`Deleted ${key}.`);
      await load();
      keyInput.focus();
    } catch (error) {
      if (error.status !== 401) {
        showError(errorLine, describe(error));
      }
    }
  }

  form.addEventListener('input', saveDraft);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = keyInput.value.trim();
    showError(errorLine, '');
    if (!KEY_PATTERN.test(key)) {
      showError(errorLine, describe({ code: 'invalid_key' }));
      keyInput.focus();
      return;
    }
    let value;
    try {
      value = JSON.parse(valueInput.value);
    } catch (notJson) {
      showError(errorLine, 'The value is not valid JSON. Text needs double quotes, e.g. "hello".');
      valueInput.focus();
      return;
    }
    try {
      await api.putData(key, value);
      onActivity();
      keyInput.value = '';
      valueInput.value = '';
      tabState.setDataDraft(null);
      status.say(`Saved ${key}.`);
      await load();
      keyInput.focus();
    } catch (error) {
      if (error.status !== 401) {
        showError(errorLine, describe(error));
        keyInput.focus();
      }
    }
  });

  restoreDraft();

  return {
    load,
    reset() {
      keyInput.value = '';
      valueInput.value = '';
      showError(errorLine, '');
      clear($('data-rows'));
    },
  };
}
