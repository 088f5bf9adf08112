// Client-side storage, as Odoo's web client uses it: sessionStorage for UI state that dies with
// the tab, localStorage for UI preferences that survive restarts. Only the keys named here are
// ever written, so a password, a session id or a CSRF token cannot end up in either.

const PREFIX = 'erp.ui.';

const TAB_KEYS = Object.freeze({ panel: 'panel', dataDraft: 'dataDraft' });
const DEVICE_KEYS = Object.freeze({ theme: 'theme', density: 'density' });

function read(store, key) {
  try {
    const text = store.getItem(PREFIX + key);
    return text === null ? null : JSON.parse(text);
  } catch (unavailableOrCorrupt) {
    return null;
  }
}

function write(store, key, value) {
  try {
    if (value === null || value === undefined) {
      store.removeItem(PREFIX + key);
    } else {
      store.setItem(PREFIX + key, JSON.stringify(value));
    }
  } catch (unavailableOrFull) {
    // Private modes may refuse storage: the page works without it.
  }
}

export const tabState = {
  panel: () => read(sessionStorage, TAB_KEYS.panel),
  setPanel: (panel) => write(sessionStorage, TAB_KEYS.panel, panel),
  dataDraft: () => read(sessionStorage, TAB_KEYS.dataDraft),
  setDataDraft: (draft) => write(sessionStorage, TAB_KEYS.dataDraft, draft),
  /** At logout the next person at this tab must not see the previous user's state. */
  clear: () => Object.values(TAB_KEYS).forEach((key) => write(sessionStorage, key, null)),
};

export const uiPreferences = {
  theme: () => read(localStorage, DEVICE_KEYS.theme) || 'light',
  setTheme: (theme) => write(localStorage, DEVICE_KEYS.theme, theme),
  density: () => read(localStorage, DEVICE_KEYS.density) || 'comfortable',
  setDensity: (density) => write(localStorage, DEVICE_KEYS.density, density),
};
