export { Article } from './article.ts';
export { parseVietnameseDate, VN_OFFSET_MS, vnDate, vnDay } from './dates.ts';
export { type Discovered, discoverFeeds, parseFeed, parseListing, parseSitemap } from './discover.ts';
export { type ExtractOptions, extractArticle } from './extract.ts';
export {
  type FetchedPage,
  type PollDeps,
  type PollResult,
  parseRetryAfter,
  pollHttpSource,
} from './http-crawl.ts';
export { detectCharset, FetchError, type FetchedResponse, fetchPage } from './http-fetch.ts';
export { assertFetchable, ForbiddenTargetError, isPrivateAddress } from './net-guard.ts';
export { type ProbeResult, probeSource } from './probe.ts';
export { clearRobotsCache, robotsRefusal } from './robots.ts';
export { CHROMIUM_ARGS, chromiumAvailable, pollSocialSource, type SocialPollDeps } from './social-crawl.ts';
export { parseCount, parseEngagement, parseRelativeTime } from './social-parse.ts';
export { absolute, canonicalUrl } from './url.ts';
