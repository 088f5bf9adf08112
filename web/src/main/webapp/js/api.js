// The REST client: JSON in and out, the CSRF token in memory only, RFC 9457 problems as errors.

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Held in this module's scope only: never in storage, never on window.
let csrfToken = null;
const sessionEndedListeners = [];
// Asks the user to confirm their identity; resolves true once confirmed (see identity.js).
let identityPrompt = null;

/** A refusal from the server, carrying the problem's stable code. */
export class ApiError extends Error {
  constructor(status, code, detail, retryAfterSeconds) {
    super(detail || `Request failed with status ${status}`);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Called once whenever an authenticated request answers 401: the session is gone. */
export function onSessionEnded(listener) {
  sessionEndedListeners.push(listener);
}

/**
 * Who to ask when an action answers 403 identity_check_required: the action is sent once more
 * when the prompt resolves true (the password was confirmed).
 */
export function onIdentityCheckRequired(prompt) {
  identityPrompt = prompt;
}

/** Remembers the token of a SessionInfo (login, GET /api/session, company or preference changes). */
export function rememberSession(sessionInfo) {
  csrfToken = sessionInfo && sessionInfo.csrf_token ? sessionInfo.csrf_token : null;
  return sessionInfo;
}

export function forgetSession() {
  csrfToken = null;
}

async function request(method, path, body, { authenticated = true, retried = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (UNSAFE_METHODS.has(method) && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (networkFailure) {
    throw new ApiError(0, 'network_error', 'The server cannot be reached.');
  }
  if (response.ok) {
    if (response.status === 204) {
      return null;
    }
    const json = await response.json();
    if (json && typeof json === 'object' && 'csrf_token' in json) {
      rememberSession(json);
    }
    return json;
  }
  const problem = await readProblem(response);
  if (problem.code === 'identity_check_required' && identityPrompt && !retried) {
    if (await identityPrompt()) {
      return request(method, path, body, { authenticated, retried: true });
    }
  }
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') || '', 10);
  const error = new ApiError(
    response.status,
    problem.code || `http_${response.status}`,
    problem.detail || problem.title,
    Number.isFinite(retryAfter) ? retryAfter : null,
  );
  if (response.status === 401 && authenticated) {
    forgetSession();
    sessionEndedListeners.forEach((listener) => listener(error));
  }
  throw error;
}

async function readProblem(response) {
  try {
    return await response.json();
  } catch (notJson) {
    return {};
  }
}

export const api = {
  // Login is not "authenticated": its 401 means wrong credentials, not an ended session.
  login: (login, password) =>
    request('POST', '/api/session', { login, password }, { authenticated: false }),
  // On page load a 401 only means "not signed in yet".
  currentSession: () => request('GET', '/api/session', undefined, { authenticated: false }),
  session: () => request('GET', '/api/session'),
  check: () => request('GET', '/api/session/check'),
  logout: () => request('DELETE', '/api/session', undefined, { authenticated: false }),
  selectCompanies: (ids) => request('PUT', '/api/session/companies', { allowed_company_ids: ids }),
  savePreferences: (changes) => request('PATCH', '/api/me/preferences', changes),
  listData: () => request('GET', '/api/session/data'),
  putData: (key, value) => request('PUT', `/api/session/data/${encodeURIComponent(key)}`, { value }),
  deleteData: (key) => request('DELETE', `/api/session/data/${encodeURIComponent(key)}`),
  listDevices: () => request('GET', '/api/session/devices'),
  revokeDevice: (id) => request('DELETE', `/api/session/devices/${encodeURIComponent(id)}`),
  revokeOtherDevices: () => request('DELETE', '/api/session/devices'),
  overview: () => request('GET', '/api/admin/overview'),
  confirmIdentity: (password) => request('POST', '/api/session/identity', { password }),
  listApiKeys: () => request('GET', '/api/me/api-keys'),
  createApiKey: (name, expiresAt) => request('POST', '/api/me/api-keys', { name, expires_at: expiresAt }),
  revokeApiKey: (id) => request('DELETE', `/api/me/api-keys/${encodeURIComponent(id)}`),
  // Two-factor authentication (API.md §14). The second step's 401 invalid_code is no ended session.
  completeTotp: (code, rememberDevice) =>
    request('POST', '/api/session/totp', { code, remember_device: rememberDevice }, { authenticated: false }),
  totpStatus: () => request('GET', '/api/me/totp'),
  startTotp: () => request('POST', '/api/me/totp'),
  confirmTotp: (code) => request('PUT', '/api/me/totp', { code }),
  disableTotp: () => request('DELETE', '/api/me/totp'),
  listTrustedDevices: () => request('GET', '/api/me/trusted-devices'),
  forgetTrustedDevice: (id) => request('DELETE', `/api/me/trusted-devices/${encodeURIComponent(id)}`),
};
