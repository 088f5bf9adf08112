// Who is signed in, in which companies, and how long the session still lives.

import { api } from './api.js';
import { describe } from './messages.js';
import { clear, element, formatRemaining, showError } from './format.js';

const $ = (id) => document.getElementById(id);
const LANGUAGE_NAMES = { en_US: 'English (US)', fr_FR: 'Français', de_DE: 'Deutsch', nl_BE: 'Nederlands (België)', es_ES: 'Español' };

export function languageName(code) {
  return LANGUAGE_NAMES[code] ? `${LANGUAGE_NAMES[code]} (${code})` : code;
}

export function createSessionPanel({ status, onSessionInfo, onExpired }) {
  // Deadlines in the browser's clock: server timestamps minus the server's "now" (the last
  // activity), plus the browser's now. That way a wrong client clock does not matter.
  let idleTimeoutMs = 0;
  let idleDeadline = 0;
  let absoluteDeadline = 0;
  let ticker = null;
  let lastExpiryCheck = 0;

  function tick() {
    const now = Date.now();
    const idleLeft = Math.min(idleDeadline, absoluteDeadline) - now;
    const absoluteLeft = absoluteDeadline - now;
    $('idle-countdown').textContent = formatRemaining(idleLeft);
    $('absolute-countdown').textContent = formatRemaining(absoluteLeft);
    const ending = idleLeft <= 60000;
    $('idle-countdown').classList.toggle('ending', ending);
    if (idleLeft <= 0 && now - lastExpiryCheck > 2000) {
      lastExpiryCheck = now;
      onExpired();
    }
  }

  function renderCompanies(info) {
    const active = info.context.allowed_company_ids;
    const current = info.user_companies.current_company;
    const choices = $('company-choices');
    const select = $('current-company');
    clear(choices);
    clear(select);
    info.user_companies.allowed_companies.forEach((company) => {
      const id = `company-${company.id}`;
      const row = element('div', { className: 'choice' });
      const box = element('input', { attributes: { type: 'checkbox', id, value: String(company.id), name: 'active' } });
      box.checked = active.includes(company.id);
      row.append(box, element('label', { text: company.name, attributes: { for: id } }));
      choices.append(row);
      const option = element('option', { text: company.name, attributes: { value: String(company.id) } });
      option.selected = company.id === current;
      select.append(option);
    });
  }

  // The current company is always active: ticking it on keeps the two controls consistent.
  $('current-company').addEventListener('change', () => {
    const box = $(`company-${$('current-company').value}`);
    if (box) {
      box.checked = true;
    }
  });

  $('companies-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const current = Number($('current-company').value);
    const others = [...document.querySelectorAll('#company-choices input:checked')]
      .map((box) => Number(box.value))
      .filter((id) => id !== current);
    showError($('companies-error'), '');
    try {
      const info = await api.selectCompanies([current, ...others]);
      onSessionInfo(info);
      const name = info.user_companies.allowed_companies.find((c) => c.id === current)?.name;
      status.say(`You now work in ${name}.`);
    } catch (error) {
      if (error.status !== 401) {
        showError($('companies-error'), describe(error));
      }
    }
  });

  return {
    render(info) {
      const currentCompany = info.user_companies.allowed_companies.find(
        (company) => company.id === info.user_companies.current_company,
      );
      $('fact-user').textContent = `${info.name} (${info.login})${info.is_admin ? ' · administrator' : ''}`;
      $('fact-lang').textContent = languageName(info.context.lang);
      $('fact-tz').textContent = info.context.tz;
      $('fact-company').textContent = currentCompany ? currentCompany.name : '';
      renderCompanies(info);

      const serverNow = Date.parse(info.session.last_activity_at);
      const now = Date.now();
      idleTimeoutMs = Date.parse(info.session.idle_expires_at) - serverNow;
      idleDeadline = now + idleTimeoutMs;
      absoluteDeadline = now + (Date.parse(info.session.absolute_expires_at) - serverNow);
      if (ticker === null) {
        ticker = window.setInterval(tick, 1000);
      }
      tick();
    },
    /** Any request that counts as activity on the server moves the idle deadline. */
    activity() {
      idleDeadline = Date.now() + idleTimeoutMs;
    },
    stop() {
      if (ticker !== null) {
        window.clearInterval(ticker);
        ticker = null;
      }
    },
  };
}
