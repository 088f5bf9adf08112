// The user's language and time zone, stored on the server (PATCH /api/me/preferences).

import { api } from './api.js';
import { describe } from './messages.js';
import { clear, element, showError } from './format.js';
import { languageName } from './session-panel.js';

const $ = (id) => document.getElementById(id);
// The default installed languages (erp.languages); the user's own is added if it is another.
const KNOWN_LANGUAGES = ['en_US', 'fr_FR', 'de_DE', 'nl_BE', 'es_ES'];

function fillTimeZones() {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const list = $('tz-options');
  zones.forEach((zone) => list.append(element('option', { attributes: { value: zone } })));
}

export function createPreferencesPanel({ status, onSessionInfo }) {
  fillTimeZones();

  $('preferences-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const tz = $('pref-tz').value.trim();
    showError($('preferences-error'), '');
    if (!tz) {
      showError($('preferences-error'), 'Enter a time zone, such as Europe/Brussels.');
      $('pref-tz').focus();
      return;
    }
    try {
      const info = await api.savePreferences({ lang: $('pref-lang').value, tz });
      onSessionInfo(info);
      status.say('Preferences saved.');
    } catch (error) {
      if (error.status !== 401) {
        showError($('preferences-error'), describe(error));
        (error.code === 'invalid_lang' ? $('pref-lang') : $('pref-tz')).focus();
      }
    }
  });

  return {
    render(info) {
      const select = $('pref-lang');
      clear(select);
      const languages = KNOWN_LANGUAGES.includes(info.context.lang)
        ? KNOWN_LANGUAGES
        : [info.context.lang, ...KNOWN_LANGUAGES];
      languages.forEach((code) => {
        const option = element('option', { text: languageName(code), attributes: { value: code } });
        option.selected = code === info.context.lang;
        select.append(option);
      });
      $('pref-tz').value = info.context.tz;
    },
  };
}
