/** Shared client-side checks (the server validates again). */
export const MOBILE_RE = /^1[3-9]\d{9}$/;
export const PASSWORD_RE = /^(?=.*[A-Za-z])(?=.*\d).+$/;
