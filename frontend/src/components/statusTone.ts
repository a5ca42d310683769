export type Tone = 'done' | 'progress' | 'review' | 'waiting' | 'problem' | 'ended'

/**
 * The one colour table for every workflow: done = green, in progress = blue, being reviewed/checked =
 * purple, waiting for someone = orange, refused/overdue = red, draft/ended = grey. A bare value applies to
 * every enum; `enum.value` overrides it where one word means something else in that domain (a project's
 * `completed` still waits for acceptance; a scoring session's `open` is under way, not a pending problem).
 */
const TONES: Record<string, Tone> = {
  true: 'done',
  false: 'ended',
  // orgs, contact points
  active: 'done',
  dissolved: 'ended',
  ended: 'ended',
  // shared workflow words
  draft: 'ended',
  open: 'waiting',
  assigned: 'waiting',
  pending: 'waiting',
  rectifying: 'progress',
  in_progress: 'progress',
  issued: 'progress',
  collecting: 'progress',
  submitted: 'review',
  in_review: 'review',
  approved: 'done',
  completed: 'done',
  accepted: 'done',
  closed: 'done',
  signed: 'done',
  published: 'done',
  returned: 'problem',
  rejected: 'problem',
  overdue: 'problem',
  cancelled: 'ended',
  withdrawn: 'ended',
  upcoming: 'ended',
  // cases and objections
  verified: 'progress',
  selected: 'done',
  not_selected: 'ended',
  announced: 'waiting',
  upheld: 'problem',
  dismissed: 'ended',
  // per-domain meanings
  'project_status.completed': 'review',
  'scoring_status.open': 'progress',
  'scoring_status.closed': 'review',
  'campaign_status.open': 'progress',
  'campaign_status.closed': 'ended',
  'round_phase.closed': 'ended',
}

export const TAG_TYPES: Record<Tone, 'success' | 'primary' | 'warning' | 'danger' | 'info'> = {
  done: 'success',
  progress: 'primary',
  review: 'primary',
  waiting: 'warning',
  problem: 'danger',
  ended: 'info',
}

/** The tone of a value, looked up for its enum first. */
export function statusTone(value: string, enumName?: string): Tone {
  return (enumName && TONES[`${enumName}.${value}`]) || TONES[value] || 'ended'
}
