// The identity prompt (API.md §12): when an action answers identity_check_required, ask for the
// password, confirm it with POST /api/session/identity, and let api.js repeat the action.

import { api } from './api.js';
import { describe } from './messages.js';
import { showError } from './format.js';

const $ = (id) => document.getElementById(id);

export function createIdentityPrompt() {
  const dialog = $('identity-dialog');
  const form = $('identity-form');
  const password = $('identity-password');
  const errorLine = $('identity-error');
  let pending = null;

  function finish(confirmed) {
    password.value = '';
    showError(errorLine, '');
    if (dialog.open) {
      dialog.close();
    }
    const resolve = pending;
    pending = null;
    if (resolve) {
      resolve(confirmed);
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!password.value) {
      showError(errorLine, 'Enter your password.');
      password.focus();
      return;
    }
    try {
      await api.confirmIdentity(password.value);
      finish(true);
    } catch (error) {
      password.value = '';
      showError(
        errorLine,
        error.code === 'invalid_credentials' ? 'Wrong password.' : describe(error),
      );
      password.focus();
    }
  });
  $('identity-cancel').addEventListener('click', () => finish(false));
  // Escape closes the dialog: that is a cancel too.
  dialog.addEventListener('cancel', () => finish(false));

  /** Resolves true once the password is confirmed, false when the user cancels. */
  return function ask() {
    if (pending) {
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      pending = resolve;
      showError(errorLine, '');
      dialog.showModal();
      password.focus();
    });
  };
}
