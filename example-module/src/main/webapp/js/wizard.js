// The sales-order wizard: the module's API keeps its progress in the session, so a reload (or
// another node) continues where the user was. Unsafe calls carry the session's CSRF token, read
// from the session service's own GET /api/session.

const $ = (id) => document.getElementById(id);
let csrfToken = null;

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error(json && json.detail ? json.detail : `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return json;
}

function showError(error) {
  $('wizard-error').textContent = error.message;
  $('wizard-error').hidden = false;
}

function show(wizard) {
  $('wizard-error').hidden = true;
  $('step-customer').hidden = wizard.step !== 0;
  $('step-lines').hidden = wizard.step === 0;
  if (wizard.step > 0) {
    $('line-customer').textContent = wizard.customer;
    const lines = $('lines');
    lines.replaceChildren(
      ...wizard.lines.map((line) => {
        const item = document.createElement('li');
        item.textContent = `${line.quantity} × ${line.product}`;
        return item;
      }),
    );
  }
}

async function load() {
  let session;
  try {
    session = await call('GET', '/api/session');
  } catch (error) {
    if (error.status === 401) {
      $('wizard-signed-out').hidden = false;
      return;
    }
    throw error;
  }
  csrfToken = session.csrf_token;
  const wizard = await call('GET', 'api/wizard');
  const caller = wizard.caller;
  $('wizard-caller').textContent = `${caller.login} · company ${caller.current_company_id}`;
  $('company').replaceChildren(
    ...caller.allowed_company_ids.map((id) => {
      const option = document.createElement('option');
      option.value = String(id);
      option.textContent = `Company ${id}`;
      return option;
    }),
  );
  show(wizard);
}

$('step-customer').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    show(await call('POST', 'api/wizard', {
      customer: $('customer').value,
      company_id: Number($('company').value),
    }));
  } catch (error) {
    showError(error);
  }
});

$('step-lines').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    show(await call('POST', 'api/wizard/lines', {
      product: $('product').value,
      quantity: Number($('quantity').value),
    }));
    $('product').value = '';
  } catch (error) {
    showError(error);
  }
});

$('confirm-button').addEventListener('click', async () => {
  try {
    const order = await call('POST', 'api/wizard/confirm');
    $('step-lines').hidden = true;
    $('wizard-done').textContent = `Order for ${order.customer} confirmed (${order.lines.length} line(s)).`;
    $('wizard-done').hidden = false;
  } catch (error) {
    showError(error);
  }
});

$('cancel-button').addEventListener('click', async () => {
  try {
    await call('DELETE', 'api/wizard');
    show({ step: 0 });
  } catch (error) {
    showError(error);
  }
});

load().catch(showError);
