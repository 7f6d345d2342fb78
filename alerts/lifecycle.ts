import { IncidentError } from './errors.ts';

/** open → acknowledged → facts provided → statement issued → monitoring → resolved; or dismissed. */
export const STATES = [
  'open',
  'acknowledged',
  'facts-provided',
  'statement-issued',
  'monitoring',
  'resolved',
  'dismissed',
] as const;
export type State = (typeof STATES)[number];

export const STATE_NAMES: Record<State, string> = {
  open: 'Mới phát hiện',
  acknowledged: 'Đã tiếp nhận',
  'facts-provided': 'Đã có thông tin xác minh',
  'statement-issued': 'Đã phát ngôn',
  monitoring: 'Đang theo dõi',
  resolved: 'Đã kết thúc',
  dismissed: 'Đã loại (báo động nhầm)',
};

export type Action =
  | 'ack'
  | 'assign'
  | 'facts'
  | 'statement'
  | 'monitor'
  | 'resolve'
  | 'dismiss'
  | 'reopen'
  | 'press'
  | 'correction';

const LIVE: State[] = ['open', 'acknowledged', 'facts-provided', 'statement-issued', 'monitoring'];

/** From which states each action is allowed, and the state it leads to (none: the state stays). */
const RULES: Record<Action, { from: State[]; to?: State }> = {
  ack: { from: ['open'], to: 'acknowledged' },
  assign: { from: LIVE },
  facts: { from: LIVE, to: 'facts-provided' },
  statement: { from: LIVE, to: 'statement-issued' },
  monitor: { from: ['facts-provided', 'statement-issued'], to: 'monitoring' },
  resolve: { from: ['acknowledged', 'facts-provided', 'statement-issued', 'monitoring'], to: 'resolved' },
  dismiss: { from: ['open', 'acknowledged', 'facts-provided'], to: 'dismissed' },
  reopen: { from: ['resolved'], to: 'monitoring' },
  press: { from: LIVE },
  correction: { from: [...LIVE, 'resolved'] },
};

const ACTION_NAMES: Record<Action, string> = {
  ack: 'tiếp nhận',
  assign: 'giao đơn vị',
  facts: 'ghi nhận thông tin xác minh',
  statement: 'ghi nhận phát ngôn',
  monitor: 'chuyển sang theo dõi',
  resolve: 'kết thúc',
  dismiss: 'loại bỏ',
  reopen: 'mở lại',
  press: 'ghi nhận yêu cầu của báo chí',
  correction: 'yêu cầu cải chính',
};

/**
 * The state after an action, or an IncidentError when the action is not allowed in this state. Progress never
 * goes back: facts recorded after a statement keep the incident at "statement issued".
 */
export function transition(state: string, action: Action): State {
  const rule = RULES[action];
  const from = state as State;
  if (!rule.from.includes(from))
    throw new IncidentError(
      'bad-state',
      `Không thể ${ACTION_NAMES[action]} khi sự việc đang ở trạng thái "${STATE_NAMES[from] ?? state}"`,
      `cannot ${action} an incident in state "${state}" (allowed from: ${rule.from.join(', ')})`,
    );
  if (!rule.to) return from;
  if (rule.to === 'resolved' || rule.to === 'dismissed' || action === 'reopen') return rule.to;
  return STATES.indexOf(rule.to) > STATES.indexOf(from) ? rule.to : from;
}

export const isLive = (state: string) => LIVE.includes(state as State);
