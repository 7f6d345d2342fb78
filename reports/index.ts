export { type DigestResult, writeDigest } from './digest.ts';
export { type DigestData, type DigestItem, dayBounds, digestData, summarize } from './digest-data.ts';
export { renderHtml, renderMarkdown, vnLongDate } from './digest-render.ts';
