// Plain words for the API's stable error codes (API.md §9); the server's detail is the fallback.

const MESSAGES = {
  invalid_credentials: 'Wrong login or password.',
  too_many_attempts: 'Too many failed attempts.',
  validation_failed: 'Some fields are missing or not valid.',
  not_authenticated: 'Your session has ended. Please sign in again.',
  csrf_failed: 'The page lost its security token. Reload the page and try again.',
  forbidden: 'You are not allowed to do that.',
  not_found: 'It no longer exists.',
  company_not_allowed: 'You do not have access to one of these companies.',
  invalid_lang: 'This language is not installed.',
  invalid_tz: 'This time zone is unknown. Use a name such as Europe/Brussels.',
  invalid_key: 'A key may only contain letters, digits, "_", "." and "-", up to 64 characters.',
  sensitive_key:
    'This key looks like it holds a secret (password, token, card number…). Secrets must not be stored in the session.',
  value_too_large: 'This value is too large to keep in the session.',
  session_data_full: 'The session holds too much data already. Delete some values first.',
  session_limit_reached: 'You are signed in on too many devices. Sign out elsewhere first.',
  payload_too_large: 'This is too large to send.',
  network_error: 'The server cannot be reached. Check your connection and try again.',
  internal_error: 'Something went wrong on the server. Try again later.',
  service_unavailable: 'The service is unavailable right now. Try again shortly.',
  identity_check_required: 'This needs your password again.',
  invalid_code: 'This code is wrong or was already used. Enter the current code.',
  totp_required: 'Enter the code from your authenticator app first.',
  totp_already_enabled: 'Two-factor authentication is already on.',
};

export function describe(error) {
  if (error && MESSAGES[error.code]) {
    return MESSAGES[error.code];
  }
  return (error && error.message) || 'Something went wrong.';
}
