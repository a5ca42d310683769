import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DESKTOP, PHONE, api, loginAs, openBrowser } from './harness.mjs'

const baseURL = process.env.E2E_BASE_URL
if (!baseURL) throw new Error('E2E_BASE_URL is not set: run through `npm run test:e2e`')

const RUN = Date.now().toString(36).slice(-5)
const JUDGES = ['judge01', 'judge02', 'judge03', 'judge04', 'judge05', 'judge06', 'judge07']

async function withBrowser(viewport, fn) {
  const browser = await openBrowser(viewport)
  try {
    await fn(browser.page, browser.context)
  } finally {
    await browser.close()
  }
}

async function noHorizontalOverflow(page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  )
  assert.ok(overflow <= 0, `no horizontal overflow (${overflow}px)`)
}

/** A judge's queue in a session, every page. */
async function queueOf(judge, sessionId) {
  const res = await api(baseURL, judge, `/scoring-sessions/${sessionId}/queue?page_size=100`)
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.items
}

/**
 * A judge with something left to score in an open session. The demo has one open case review
 * (沙河街道“红色物业”案例评审); when nobody has anything left, an organizer opens a fresh session for one judge.
 */
async function judgeWithWork() {
  for (const judge of JUDGES) {
    const assigned = await api(baseURL, judge, '/scoring-sessions/assigned?page_size=100')
    for (const s of assigned.body.items.filter((x) => x.status === 'open')) {
      const queue = await queueOf(judge, s.id)
      const subject = queue.find((e) => !e.conflict && !e.complete)
      if (subject) return { judge, session: s, subject, queue }
    }
  }
  const me = await api(baseURL, 'judge07', '/auth/me')
  const villages = await api(baseURL, 'organizer', '/orgs?level=village&page_size=3')
  const created = await api(baseURL, 'organizer', '/scoring-sessions', {
    method: 'POST',
    body: {
      org_id: 1,
      title: `E2E ${RUN} 观摩评分`,
      purpose: 'observation',
      subject_type: 'org',
      subject_ids: villages.body.items.map((o) => o.id),
      scorer_ids: [me.body.user.id],
      rubric: [
        { name: '党建基础', max_points: 20, weight: 1 },
        { name: '组织建设', max_points: 20, weight: 1 },
      ],
    },
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const opened = await api(baseURL, 'organizer', `/scoring-sessions/${created.body.id}/open`, {
    method: 'POST',
  })
  assert.equal(opened.status, 200, JSON.stringify(opened.body))
  const assigned = await api(baseURL, 'judge07', '/scoring-sessions/assigned?page_size=100')
  const session = assigned.body.items.find((x) => x.id === created.body.id)
  const queue = await queueOf('judge07', session.id)
  return { judge: 'judge07', session, subject: queue.find((e) => !e.conflict), queue }
}

describe('案例评审与公示', () => {
  test('a judge scores a case on a 390×844 phone and the scores are stored', async () => {
    const { judge, session, subject, queue } = await judgeWithWork()
    const done = queue.filter((e) => !e.conflict && e.complete).length
    const total = queue.filter((e) => !e.conflict).length
    const given = session.rubric.map((c) => Math.round(c.max_points * 0.8 * 2) / 2)

    await withBrowser(PHONE, async (page) => {
      await loginAs(page, baseURL, judge)
      // home card: the open session with what is left, one tap to the scoring page
      const card = page.locator('[data-test="home-judge-session"]', { hasText: session.title })
      await card.waitFor()
      await noHorizontalOverflow(page)
      await card.locator('button').click()
      await page.waitForURL((url) => url.pathname === `/scoring-sessions/${session.id}/score`)

      const progress = page.locator('[data-test="judge-progress"]')
      await progress.waitFor()
      assert.match(await progress.innerText(), new RegExp(`已评 ${done} / ${total}`))
      // the first subject not yet scored is shown, with its material
      const label = page.locator('[data-test="subject-label"]')
      await page.waitForFunction(
        (text) => document.querySelector('[data-test="subject-label"]')?.textContent === text,
        subject.label,
      )
      assert.equal(await label.innerText(), subject.label)

      const criteria = page.locator('[data-test="criterion"]')
      assert.equal(await criteria.count(), session.rubric.length)
      for (let i = 0; i < session.rubric.length; i++) {
        const input = criteria.nth(i).locator('[data-test="points"] input')
        await input.fill(String(given[i]))
        await input.blur()
      }
      // above the maximum is clamped to it by the control itself
      const first = criteria.nth(0).locator('[data-test="points"] input')
      await first.fill(String(session.rubric[0].max_points + 50))
      await first.blur()
      assert.equal(Number(await first.inputValue()), session.rubric[0].max_points)
      await first.fill(String(given[0]))
      await first.blur()
      await criteria.nth(0).locator('[data-test="comment"]').fill(`E2E ${RUN} 亮点突出`)
      await noHorizontalOverflow(page)

      await page.locator('[data-test="submit-scores"]').click()
      await page.locator('.el-message--success').waitFor()
      await page.waitForFunction(
        (text) =>
          document.querySelector('[data-test="judge-progress"]')?.textContent?.includes(text),
        `已评 ${done + 1} / ${total}`,
      )
      await noHorizontalOverflow(page)
    })

    const after = await queueOf(judge, session.id)
    const scored = after.find((e) => e.subject_id === subject.subject_id)
    assert.equal(scored.complete, true)
    for (let i = 0; i < session.rubric.length; i++) {
      const s = scored.scores.find((x) => x.criterion === session.rubric[i].name)
      assert.equal(s.points, given[i])
    }
    const commented = scored.scores.find((x) => x.criterion === session.rubric[0].name)
    assert.equal(commented.comment, `E2E ${RUN} 亮点突出`)
  })

  test('the public announcement page opens without login and takes an objection', async () => {
    // put a round's selected cases on 公示 (the demo's announcement window is already over)
    const rounds = await api(baseURL, 'organizer', '/case-rounds?page_size=100')
    const announced = await (await fetch(`${baseURL}/api/v1/public/announcements`)).json()
    let roundId = announced.items.find((a) => a.in_window)?.round_id
    if (!roundId) {
      const ready = rounds.body.items.find((r) => r.allowed_actions.includes('announce'))
      assert.ok(ready, 'a round ready to announce')
      const res = await api(baseURL, 'organizer', `/case-rounds/${ready.id}/announce`, {
        method: 'POST',
        body: { days: 5 },
      })
      assert.equal(res.status, 200, JSON.stringify(res.body))
      roundId = ready.id
    }
    const reason = `E2E ${RUN}：该案例所述成效与实际情况不符，请核实。`
    let caseId
    await withBrowser(PHONE, async (page) => {
      await page.goto(`${baseURL}/public/announcements`)
      const item = page.locator('[data-test="public-announcement"]', { hasText: '公示中' }).first()
      await item.waitFor()
      assert.equal(new URL(page.url()).pathname, '/public/announcements', 'no redirect to login')
      await noHorizontalOverflow(page)
      await page.goto(`${baseURL}/public/announcements/${roundId}`)
      const entry = page.locator('[data-test="public-entry"]').first()
      await entry.waitFor()
      await entry.click()
      await page.waitForURL(/\/public\/announcements\/\d+\/cases\/\d+$/)
      caseId = Number(new URL(page.url()).pathname.split('/').pop())
      await page.locator('[data-test="public-case-title"]').waitFor()

      // the form checks the reason before anything is sent
      await page.locator('[data-test="objection-reason"]').fill('太短')
      await page.locator('[data-test="objection-submit"]').click()
      await page.getByText('异议内容至少 5 个字').waitFor()

      await page.locator('[data-test="objection-reason"]').fill(reason)
      await page.locator('[data-test="objection-name"]').fill('群众')
      await page.locator('[data-test="objection-contact"]').fill('13800000000')
      await page.locator('[data-test="objection-submit"]').click()
      const receipt = page.locator('[data-test="objection-receipt"]')
      await receipt.waitFor()
      assert.match(await receipt.innerText(), /异议已提交/)
      assert.match(await receipt.innerText(), /受理编号 \d+/)
      await noHorizontalOverflow(page)
      // still no login was needed
      assert.equal(await page.evaluate(() => localStorage.length), 0)
    })

    const objections = await api(baseURL, 'organizer', `/cases/${caseId}/objections`)
    const filed = objections.body.items.find((o) => o.reason === reason)
    assert.ok(filed, 'the objection is stored')
    assert.equal(filed.status, 'pending')

    // the organizer sees it on the case and dismisses it with a note
    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'organizer')
      await page.goto(`${baseURL}/cases/${caseId}`)
      const row = page.locator('[data-test="objection"]', { hasText: reason })
      await row.waitFor()
      await row.locator('[data-test="objection-dismiss"]').click()
      const box = page.locator('.el-message-box')
      await box.locator('textarea').fill('经核实，案例情况属实')
      await box.getByRole('button', { name: '确认' }).click()
      await row.getByText('异议不成立').waitFor()
    })
    const resolved = await api(baseURL, 'organizer', `/cases/${caseId}/objections`)
    assert.equal(resolved.body.items.find((o) => o.id === filed.id).status, 'dismissed')
  })

  test("a village user cannot open another village's case by URL", async () => {
    const me = await api(baseURL, 'shahe_v01_shuji', '/auth/me')
    const own = me.body.user.org_id
    const all = await api(baseURL, 'organizer', '/cases?page_size=100')
    const mine = all.body.items.find((c) => c.org_id === own)
    const elsewhere = all.body.items.find((c) => c.org_id !== own)
    assert.ok(mine && elsewhere)
    assert.equal(
      (await api(baseURL, 'shahe_v01_shuji', `/cases/${elsewhere.id}`)).status,
      404,
      'outside the scope answers 404',
    )
    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_v01_shuji')
      await page.goto(`${baseURL}/cases/${elsewhere.id}`)
      const notFound = page.locator('[data-test="not-found"]')
      await notFound.waitFor()
      assert.match(await notFound.innerText(), /不在您的权限范围内/)
      assert.equal(await page.getByText(elsewhere.title).count(), 0)
      // the own case opens
      await page.goto(`${baseURL}/cases/${mine.id}`)
      await page.locator('[data-test="case-title"]').waitFor()
      assert.equal(await page.locator('[data-test="case-title"]').innerText(), mine.title)
    })
  })

  test('an organizer verifies a submitted case and reads a session’s calculation sheet', async () => {
    const submitted = await api(baseURL, 'organizer', '/cases?status=submitted&page_size=100')
    const target = submitted.body.items.find((c) => c.allowed_actions.includes('verify'))
    assert.ok(target, 'a submitted case the organizer may verify')
    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'organizer')
      await page.goto(`${baseURL}/cases/${target.id}`)
      await page.locator('[data-test="action-verify"]').click()
      const dialog = page.locator('[data-test="case-verify-dialog"]')
      await dialog.locator('[data-test="verify-inspectors"]').fill('张三、李四')
      await dialog.locator('[data-test="verify-findings"]').fill(`E2E ${RUN} 实地查看，情况属实`)
      await dialog.locator('[data-test="verify-submit"]').click()
      await page.locator('.el-message-box').getByRole('button', { name: '确认' }).click()
      await page.locator('[data-test="case-status"]', { hasText: '核查通过' }).waitFor()
      assert.equal(await page.locator('[data-test="action-verify"]').count(), 0)

      // a published session: ranking, and the sheet with the dropped highest/lowest points
      const sessions = await api(baseURL, 'organizer', '/scoring-sessions?status=published')
      const published = sessions.body.items[0]
      await page.goto(`${baseURL}/scoring-sessions/${published.id}`)
      await page.locator('[data-test="results-table"] .el-table__row').first().waitFor()
      await page.getByRole('tab', { name: '计分表' }).click()
      await page.locator('[data-test="sheet"]').first().waitFor()
      assert.ok((await page.locator('[data-test="sheet-entry"].dropped').count()) > 0)
    })
    const verified = await api(baseURL, 'organizer', `/cases/${target.id}`)
    assert.equal(verified.body.status, 'verified')
  })
})
