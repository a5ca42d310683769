import type { CriterionRead, QueueEntry, ScoreIn } from '@/api'

/** One criterion's entry on the judge's sheet: `points` is null until the judge sets it. */
export interface DraftItem {
  criterion: string
  max: number
  points: number | null
  comment: string
}

/** The judge's sheet for one subject, prefilled with the scores already given (they can be changed). */
export function draftFor(rubric: CriterionRead[], entry: QueueEntry | null): DraftItem[] {
  return rubric.map((c) => {
    const mine = entry?.scores.find((s) => s.criterion === c.name)
    return {
      criterion: c.name,
      max: c.max_points,
      points: mine ? mine.points : null,
      comment: mine?.comment ?? '',
    }
  })
}

export type DraftProblem = { criterion: string; kind: 'missing' | 'range' | 'step' }

/**
 * What is wrong with a sheet before it is sent: every criterion needs points within 0..max with at most two
 * decimals (the server checks too; this spares the judge a round trip on a weak network).
 */
export function validateDraft(items: DraftItem[]): DraftProblem[] {
  const problems: DraftProblem[] = []
  for (const item of items) {
    const p = item.points
    if (p === null || p === undefined || Number.isNaN(p)) {
      problems.push({ criterion: item.criterion, kind: 'missing' })
    } else if (p < 0 || p > item.max) {
      problems.push({ criterion: item.criterion, kind: 'range' })
    } else if (Math.abs(Math.round(p * 100) - p * 100) > 1e-6) {
      problems.push({ criterion: item.criterion, kind: 'step' })
    }
  }
  return problems
}

/** The body of `POST /scoring-sessions/{id}/scores`: one score per criterion, empty comments omitted. */
export function scoresBody(subjectId: number, items: DraftItem[]): ScoreIn[] {
  return items.map((i) => ({
    subject_id: subjectId,
    criterion: i.criterion,
    points: i.points ?? 0,
    ...(i.comment.trim() ? { comment: i.comment.trim() } : {}),
  }))
}

/** Σ weight × points of a sheet as the judge fills it in (the server's total uses everyone's means). */
export function draftTotal(items: DraftItem[], rubric: CriterionRead[]): number {
  let total = 0
  for (const item of items) {
    const weight = rubric.find((c) => c.name === item.criterion)?.weight ?? 1
    total += (item.points ?? 0) * weight
  }
  return Math.round(total * 100) / 100
}

/** n of m: subjects the judge may score (conflicts excluded) and how many are complete. */
export function queueProgress(entries: QueueEntry[]): {
  done: number
  total: number
  percent: number
} {
  const scorable = entries.filter((e) => !e.conflict)
  const done = scorable.filter((e) => e.complete).length
  const total = scorable.length
  return { done, total, percent: total ? Math.round((done / total) * 100) : 0 }
}

/** Where to go after a subject was scored: the next incomplete one after it, else the first incomplete. */
export function nextSubject(entries: QueueEntry[], currentId: number | null): number | null {
  const open = entries.filter((e) => !e.conflict && !e.complete)
  if (open.length === 0) return null
  const index = entries.findIndex((e) => e.subject_id === currentId)
  const after = entries.slice(index + 1).find((e) => !e.conflict && !e.complete)
  return (after ?? open[0]!).subject_id
}

/** Remaining subjects of an assigned session (for the home card). */
export function remaining(session: { assigned: number; scored: number }): number {
  return Math.max(0, session.assigned - session.scored)
}

/** A filename from `Content-Disposition` (RFC 5987 `filename*=` first), else the fallback. */
export function filenameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through to the plain filename */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header)
  return plain?.[1]?.trim() || fallback
}
