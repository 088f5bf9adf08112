// The ERP page: sign-in, then the session, session data, preferences and devices panels, and the
// overview for administrators.
// Everything goes through the REST API (api.js); the CSRF token lives in api.js's memory only.

import { api, onSessionEnded, forgetSession, onIdentityCheckRequired } from './api.js';
import { describe } from './messages.js';
import { tabState, uiPreferences } from './storage.js';
import { createLoginView } from './login.js';
import { createSessionPanel } from './session-panel.js';
import { createDataPanel } from './data-panel.js';
import { createPreferencesPanel } from './preferences-panel.js';
import { createDevicesPanel } from './devices-panel.js';
import { createOverviewPanel } from './overview-panel.js';
import { createIdentityPrompt } from './identity.js';
import { createApiKeysPanel } from './api-keys-panel.js';
import { createTotpPanel } from './totp-panel.js';

const PANELS = ['session', 'data', 'preferences', 'devices', 'overview', 'api-keys'];
// Panels shown only to administrators (the server refuses their API to anyone else anyway).
const ADMIN_PANELS = ['overview'];
// Revocation from another device or an expiry is noticed within this time, even when idle.
const CHECK_INTERVAL_MS = 10000;

const $ = (id) => document.getElementById(id);

let sessionInfo = null;
let checkTimer = null;

const status = {
  say(message) {
    $('app-status').textContent = message;
  },
};

const login = createLoginView({ onSignedIn: enterApp });
const sessionPanel = createSessionPanel({ status, onSessionInfo: updateSessionInfo, onExpired: verifySession });
const dataPanel = createDataPanel({ status, onActivity: () => sessionPanel.activity() });
const preferencesPanel = createPreferencesPanel({ status, onSessionInfo: updateSessionInfo });
const devicesPanel = createDevicesPanel({
  status,
  // Times read in the user's preferred zone, as the rest of the ERP shows them.
  timeZone: () => (sessionInfo ? sessionInfo.context.tz : undefined),
  onActivity: () => sessionPanel.activity(),
  onCurrentRevoked: () => leaveApp('You signed out of this device.'),
});
const totpPanel = createTotpPanel({
  status,
  timeZone: () => (sessionInfo ? sessionInfo.context.tz : undefined),
  onActivity: () => sessionPanel.activity(),
});
const overviewPanel = createOverviewPanel({
  timeZone: () => (sessionInfo ? sessionInfo.context.tz : undefined),
  onActivity: () => sessionPanel.activity(),
});

const apiKeysPanel = createApiKeysPanel({
  status,
  timeZone: () => (sessionInfo ? sessionInfo.context.tz : undefined),
  onActivity: () => sessionPanel.activity(),
});
onIdentityCheckRequired(createIdentityPrompt());

function isAdmin() {
  return Boolean(sessionInfo && sessionInfo.is_admin);
}

function updateSessionInfo(info) {
  sessionInfo = info;
  $('user-name').textContent = info.name;
  $('tab-overview').hidden = !info.is_admin;
  sessionPanel.render(info);
  preferencesPanel.render(info);
}

function enterApp(info) {
  updateSessionInfo(info);
  $('loading').hidden = true;
  login.hide();
  $('app-view').hidden = false;
  $('logout-button').hidden = false;
  status.say('');
  showPanel(tabState.panel() || 'session', { focus: false });
  dataPanel.load();
  $('app-title').focus();
  startChecking();
}

/** Back to the sign-in form, with the reason in plain words. */
function leaveApp(reason) {
  stopChecking();
  forgetSession();
  sessionInfo = null;
  tabState.clear();
  sessionPanel.stop();
  dataPanel.reset();
  devicesPanel.reset();
  totpPanel.reset();
  overviewPanel.reset();
  apiKeysPanel.reset();
  $('tab-overview').hidden = true;
  $('app-view').hidden = true;
  $('logout-button').hidden = true;
  $('loading').hidden = true;
  login.show(reason);
}

function showPanel(name, { focus = true } = {}) {
  const allowed = PANELS.includes(name) && (isAdmin() || !ADMIN_PANELS.includes(name));
  const panel = allowed ? name : 'session';
  tabState.setPanel(panel);
  document.querySelectorAll('.tab').forEach((tab) => {
    const selected = tab.dataset.panel === panel;
    if (selected) {
      tab.setAttribute('aria-current', 'page');
    } else {
      tab.removeAttribute('aria-current');
    }
  });
  PANELS.forEach((other) => {
    $(`panel-${other}`).hidden = other !== panel;
  });
  if (panel === 'devices') {
    devicesPanel.load();
    totpPanel.loadTrusted();
  }
  if (panel === 'preferences') {
    totpPanel.loadStatus();
  }
  if (panel === 'overview') {
    overviewPanel.load();
  }
  if (panel === 'api-keys') {
    apiKeysPanel.load();
  }
  if (focus) {
    $(`${panel}-title`).focus();
  }
}

// A cheap poll that does not count as activity: notices expiry and revocation.
function startChecking() {
  stopChecking();
  checkTimer = window.setInterval(verifySession, CHECK_INTERVAL_MS);
}

function stopChecking() {
  if (checkTimer !== null) {
    window.clearInterval(checkTimer);
    checkTimer = null;
  }
}

async function verifySession() {
  if (!sessionInfo) {
    return;
  }
  try {
    await api.check();
  } catch (error) {
    if (error.status !== 401) {
      status.say(describe(error));
    }
    // A 401 is handled by the onSessionEnded listener below.
  }
}

async function logout() {
  try {
    await api.logout();
    leaveApp('You are signed out.');
  } catch (error) {
    status.say(describe(error));
  }
}

function applyUiPreferences() {
  const theme = uiPreferences.theme();
  const density = uiPreferences.density();
  document.documentElement.dataset.theme = theme;
  document.documentElement.dataset.density = density;
  $('theme-toggle').setAttribute('aria-pressed', String(theme === 'dark'));
  $('density-toggle').setAttribute('aria-pressed', String(density === 'compact'));
}

function wireChrome() {
  document.querySelectorAll('.tab').forEach((tab) =>
    tab.addEventListener('click', () => showPanel(tab.dataset.panel)),
  );
  $('logout-button').addEventListener('click', logout);
  $('theme-toggle').addEventListener('click', () => {
    uiPreferences.setTheme(uiPreferences.theme() === 'dark' ? 'light' : 'dark');
    applyUiPreferences();
  });
  $('density-toggle').addEventListener('click', () => {
    uiPreferences.setDensity(uiPreferences.density() === 'compact' ? 'comfortable' : 'compact');
    applyUiPreferences();
  });
  // Coming back to the tab is a good moment to learn the session ended meanwhile.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      verifySession();
    }
  });
  onSessionEnded(() => {
    if (sessionInfo) {
      leaveApp('Your session has ended. Please sign in again.');
    }
  });
}

async function start() {
  applyUiPreferences();
  wireChrome();
  try {
    enterApp(await api.currentSession());
  } catch (error) {
    $('loading').hidden = true;
    // A 401 here only means nobody is signed in yet: no message for that.
    login.show(error.status === 401 ? null : describe(error));
    if (error.code === 'totp_required') {
      // Reloaded between the password and the code: the code is still due.
      login.askForCode();
    }
  }
}

start();
