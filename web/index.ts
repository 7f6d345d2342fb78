export { buildWebApp, CSP, type Listening, startWeb, type WebDeps } from './app.ts';
export { hashPassword, newToken, ROLE_NAMES, verifyPassword } from './auth.ts';
export { escapeText, html, SafeHtml, safeUrl } from './html.ts';
