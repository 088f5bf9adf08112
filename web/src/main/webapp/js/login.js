// The sign-in form: errors in plain words, and the login cooldown as a live countdown.

import { api } from './api.js';
import { describe } from './messages.js';
import { showError, formatRemaining } from './format.js';

const $ = (id) => document.getElementById(id);

export function createLoginView({ onSignedIn }) {
  const form = $('login-form');
  const submit = $('login-submit');
  const errorLine = $('login-error');
  let cooldownTimer = null;

  function stopCooldown() {
    if (cooldownTimer !== null) {
      window.clearInterval(cooldownTimer);
      cooldownTimer = null;
    }
    submit.disabled = false;
  }

  function startCooldown(seconds) {
    stopCooldown();
    const until = Date.now() + seconds * 1000;
    submit.disabled = true;
    const tick = () => {
      const left = until - Date.now();
      if (left <= 0) {
        stopCooldown();
        showError(errorLine, 'You can try again now.');
        return;
      }
      showError(errorLine, `Too many failed attempts. Try again in ${formatRemaining(left)}.`);
    };
    tick();
    cooldownTimer = window.setInterval(tick, 1000);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const login = $('login-name').value.trim();
    const password = $('login-password').value;
    if (!login || !password) {
      showError(errorLine, 'Enter your login and your password.');
      (login ? $('login-password') : $('login-name')).focus();
      return;
    }
    submit.disabled = true;
    showError(errorLine, '');
    try {
      const info = await api.login(login, password);
      $('login-password').value = '';
      if (info.auth_status === 'pending_totp') {
        askForCode();
        return;
      }
      onSignedIn(info);
    } catch (error) {
      $('login-password').value = '';
      if (error.code === 'too_many_attempts' && error.retryAfterSeconds) {
        startCooldown(error.retryAfterSeconds);
      } else {
        submit.disabled = false;
        showError(errorLine, describe(error));
      }
      $('login-password').focus();
    } finally {
      if (cooldownTimer === null) {
        submit.disabled = false;
      }
    }
  });

  // The second step: the password was right, the authenticator code is due.
  const totpForm = $('totp-form');
  const totpError = $('totp-error');

  function askForCode() {
    form.hidden = true;
    totpForm.hidden = false;
    showError(totpError, '');
    $('totp-code').value = '';
    $('totp-code').focus();
  }

  function backToPassword() {
    totpForm.hidden = true;
    form.hidden = false;
    showError(totpError, '');
  }

  totpForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = $('totp-code').value.trim();
    if (!/^[0-9]{6}$/.test(code)) {
      showError(totpError, 'Enter the 6 digits your authenticator app shows.');
      $('totp-code').focus();
      return;
    }
    $('totp-submit').disabled = true;
    try {
      const info = await api.completeTotp(code, $('totp-remember').checked);
      backToPassword();
      onSignedIn(info);
    } catch (error) {
      $('totp-code').value = '';
      if (error.code === 'not_authenticated') {
        backToPassword();
        showError(errorLine, 'The sign-in took too long. Enter your password again.');
        $('login-password').focus();
      } else {
        showError(totpError, describe(error));
        $('totp-code').focus();
      }
    } finally {
      $('totp-submit').disabled = false;
    }
  });

  $('totp-cancel').addEventListener('click', async () => {
    try {
      await api.logout();
    } finally {
      backToPassword();
      $('login-password').focus();
    }
  });

  return {
    askForCode,
    show(notice) {
      const noticeLine = $('login-notice');
      noticeLine.textContent = notice || '';
      noticeLine.hidden = !notice;
      $('login-password').value = '';
      $('login-view').hidden = false;
      // After a session ended the login is still filled in: only the password is missing.
      ($('login-name').value ? $('login-password') : $('login-name')).focus();
    },
    hide() {
      stopCooldown();
      totpForm.hidden = true;
      form.hidden = false;
      showError(errorLine, '');
      $('login-notice').hidden = true;
      $('login-view').hidden = true;
    },
  };
}
