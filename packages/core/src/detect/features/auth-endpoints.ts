/**
 * Authentication endpoints and what a failed attempt looks like in an access log. Access logs do not
 * say "wrong password", so a failure is an auth request answered 401/403/400/422/429, or a form login
 * POST answered 200 (most frameworks re-render the form on failure and redirect on success). The last
 * rule is configurable per detector because some APIs answer 200 on success.
 */

const AUTH_PATH =
  /(?:^|\/)(?:login|log-in|signin|sign-in|sign_in|logon|auth|authenticate|authentication|session|sessions|token|oauth2?\/token|wp-login\.php|xmlrpc\.php|j_security_check|j_spring_security_check|user\/login|account\/login|customer\/account\/loginpost|admin\/login|2fa|otp|verify|password\/reset|forgot-password)(?:\/|\.[a-z]+|$)/;

/** True when the lower-cased path is an authentication endpoint. */
export function isAuthPath(lowerPath: string): boolean {
  return AUTH_PATH.test(lowerPath);
}

/** An auth endpoint request that counts as an attempt (credentials sent). */
export function isAuthAttemptMethod(method: string): boolean {
  return method === 'POST' || method === 'PUT';
}

/** Whether an auth attempt's status means it failed; `post200Fails`: a 200 to a form POST is a failure. */
export function isAuthFailureStatus(status: number, post200Fails: boolean): boolean {
  if (status === 401 || status === 403 || status === 400 || status === 422 || status === 429) return true;
  return post200Fails && status === 200;
}
