// The domain screens for `npm run screenshots` (tasks, lists, bulletins, contacts, projects, cases, scoring,
// 公示, notifications), each as the user who works on it. Called once per viewport by screenshots.mjs.
import { api, loginAs } from './harness.mjs'

const JUDGES = ['judge01', 'judge02', 'judge03', 'judge04', 'judge05', 'judge06', 'judge07']

/** Ids and accounts the screens need, looked up once through the API. */
export async function domainData(baseURL) {
  const first = async (user, query) => (await api(baseURL, user, query)).body.items[0]
  const assignment = await first('organizer', '/task-assignments?scope=issued&page_size=1')
  const project = await first('organizer', '/projects?status=in_progress&page_size=1')
  // a returned plan is filled in and carries the reviewer's remark: the editor at its most telling
  const draft =
    (await first('organizer', '/projects?status=returned&page_size=1')) ??
    (await first('organizer', '/projects?status=draft&page_size=1'))
  const owner = (await api(baseURL, 'organizer', `/users/${draft.owner_id}`)).body
  const bulletin = await first('organizer', '/bulletins?status=published&page_size=1')
  const published = await first('organizer', '/scoring-sessions?status=published&subject_type=case')
  // a judge with something left to score (an empty form), else any judge of an open session
  let judge = null
  search: for (const name of JUDGES) {
    const assigned = await api(baseURL, name, '/scoring-sessions/assigned?page_size=100')
    for (const session of assigned.body.items.filter((s) => s.status === 'open')) {
      const queue = await api(baseURL, name, `/scoring-sessions/${session.id}/queue?page_size=100`)
      judge ??= { name, session }
      if (queue.body.items.some((e) => !e.conflict && !e.complete)) {
        judge = { name, session }
        break search
      }
    }
  }
  return { assignment, project, draft, owner: owner.username, bulletin, published, judge }
}

async function switchUser(page, baseURL, username) {
  await page.evaluate(() => localStorage.clear())
  await loginAs(page, baseURL, username)
}

/** `shot(screen)` writes <size>-<screen>.png; `size` is 'desktop' or 'phone'. */
export async function domainShots(page, baseURL, size, shot, data) {
  const phone = size === 'phone'
  const rows = (table, cards) =>
    page
      .locator(phone ? cards : `[data-test="${table}"] .el-table__row`)
      .first()
      .waitFor()

  // the county organizer: home with the statistics card, then the ledgers
  await switchUser(page, baseURL, 'organizer')
  await page.goto(`${baseURL}/`)
  await page.locator('[data-test="stats-kinds"]').waitFor()
  await page.locator('[data-test="home-stats"] canvas').first().waitFor()
  await shot('home-county')

  await page.goto(`${baseURL}/task-assignments?scope=issued`)
  await rows('assignment-table', '[data-test="assignment-cards"] [data-test="assignment-card"]')
  await shot('task-assignments')
  await page.goto(`${baseURL}/task-assignments/${data.assignment.id}`)
  await page.locator('[data-test="assignment-timeline"]').waitFor()
  await shot('task-assignment')

  await page.goto(`${baseURL}/responsibilities/items`)
  await rows('item-table', '[data-test="item-cards"] [data-test="item-card"]')
  await shot('responsibility-items')

  await page.goto(`${baseURL}/projects`)
  await rows('project-table', '[data-test="project-cards"] [data-test="project-card"]')
  await shot('projects')
  await page.goto(`${baseURL}/projects/${data.project.id}`)
  await page.locator('[data-test="project-detail"] [data-test="project-title"]').waitFor()
  await shot('project')

  if (!phone) {
    await page.goto(`${baseURL}/responsibilities/completion`)
    await page.locator('[data-test="completion-orgs"]').waitFor()
    await shot('responsibility-completion')

    await page.goto(`${baseURL}/bulletins/${data.bulletin.id}/print`)
    await page
      .frameLocator('[data-test="print-frame"]')
      .locator('body', { hasText: data.bulletin.title })
      .waitFor()
    await shot('bulletin-print')

    await page.goto(`${baseURL}/contacts?tab=compliance`)
    await page.locator('[data-test="contact-compliance"] .el-table__row').first().waitFor()
    await shot('contact-compliance')

    await page.goto(`${baseURL}/cases`)
    await page.locator('[data-test="case-table"] .el-table__row').first().waitFor()
    await shot('cases')

    await page.goto(`${baseURL}/scoring-sessions/${data.published.id}`)
    await page.locator('[data-test="results-table"] .el-table__row').first().waitFor()
    await shot('scoring-results')
    await page.getByRole('tab', { name: '计分表' }).click()
    await page.locator('[data-test="sheet"]').first().waitFor()
    await shot('scoring-sheet')

    await page.goto(`${baseURL}/case-library`)
    await page.locator('[data-test="library-item"]').first().waitFor()
    await shot('case-library')
  }

  // the village secretary who owns a draft project writes its plan
  await switchUser(page, baseURL, data.owner)
  await page.goto(`${baseURL}/projects/${data.draft.id}/plan`)
  await page.locator('[data-test="project-plan-editor"]').waitFor()
  await shot('project-plan')

  if (phone) {
    if (data.judge) {
      await switchUser(page, baseURL, data.judge.name)
      await page.goto(`${baseURL}/scoring-sessions/${data.judge.session.id}/score`)
      await page.locator('[data-test="judge-progress"]').waitFor()
      await shot('judge-scoring')
    }
    await switchUser(page, baseURL, 'shahe_v01_shuji')
    await page.goto(`${baseURL}/notifications`)
    await page.locator('[data-test="notification-item"]').first().waitFor()
    await shot('notifications')
  }

  // 公示 needs no login
  await page.evaluate(() => localStorage.clear())
  await page.goto(`${baseURL}/public/announcements`)
  await page.locator('[data-test="public-announcement"]').first().waitFor()
  await shot('public-announcements')
}
