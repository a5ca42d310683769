import { describe, expect, it } from 'vitest'
import { TAG_TYPES, statusTone } from '@/components/statusTone'

describe('status colours', () => {
  it('colours the shared workflow words the same in every domain', () => {
    expect(statusTone('accepted', 'task_assignment_status')).toBe('done')
    expect(statusTone('closed', 'problem_status')).toBe('done')
    expect(statusTone('submitted', 'case_status')).toBe('review')
    expect(statusTone('returned', 'project_status')).toBe('problem')
    expect(statusTone('rejected', 'case_status')).toBe('problem')
    expect(statusTone('draft', 'bulletin_status')).toBe('ended')
    expect(TAG_TYPES[statusTone('in_progress', 'responsibility_item_status')]).toBe('primary')
  })

  it('lets a domain give a word its own meaning', () => {
    // a project's "completed" still waits for acceptance; a responsibility item's is done
    expect(statusTone('completed', 'project_status')).toBe('review')
    expect(statusTone('completed', 'responsibility_item_status')).toBe('done')
    // an open scoring session is under way; an open problem waits for rectification
    expect(statusTone('open', 'scoring_status')).toBe('progress')
    expect(statusTone('open', 'problem_status')).toBe('waiting')
    expect(statusTone('closed', 'campaign_status')).toBe('ended')
  })

  it('falls back to grey for an unknown value', () => {
    expect(statusTone('something_new')).toBe('ended')
  })
})
