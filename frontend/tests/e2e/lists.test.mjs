import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DESKTOP, PHONE, api, loginAs, openBrowser } from './harness.mjs'

const baseURL = process.env.E2E_BASE_URL
if (!baseURL) throw new Error('E2E_BASE_URL is not set: run through `npm run test:e2e`')

const PHOTO = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'evidence.png')
/** Makes texts unique, so a test can be re-run against a server that keeps its data. */
const RUN = Date.now().toString(36).slice(-5)

async function withBrowser(viewport, fn) {
  const browser = await openBrowser(viewport)
  try {
    await fn(browser.page)
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

/** Accept the ElMessageBox confirmation that guards a workflow step. */
async function confirmBox(page) {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

let villages
before(async () => {
  const own = await api(baseURL, 'shahe_v01_shuji', '/auth/me')
  const other = await api(baseURL, 'gangkou_v01_shuji', '/auth/me')
  villages = { binjiang: own.body.user.org_id, other: other.body.user.org_id }
  assert.notEqual(villages.binjiang, villages.other)
})

describe('责任单', () => {
  test('a village secretary reports a quarter and reports an item done; the township confirms it', async () => {
    const open = await api(
      baseURL,
      'shahe_v01_shuji',
      `/responsibility-items?root_id=${villages.binjiang}&status=in_progress&page_size=50`,
    )
    const item = open.body.items.find((i) => i.allowed_actions.includes('submit'))
    assert.ok(item, 'the demo has an open item of the village the secretary may report')
    const quarterly = `E2E ${RUN}：本季度组织党员到社区报到服务`
    const done = `E2E ${RUN}：已全部完成，附活动照片`

    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_v01_shuji')
      await page.goto(`${baseURL}/responsibilities/items/${item.id}`)
      await page.locator('[data-test="item-title"]', { hasText: item.title }).waitFor()
      // the village reports; confirming is for the township above
      assert.equal(await page.locator('[data-test="action-complete"]').count(), 0)

      await page.locator('[data-test="action-quarterly"]').click()
      const report = page.locator('.el-dialog', { hasText: '本季度落实情况' })
      await report.locator('[data-test="step-content"]').fill(quarterly)
      await report.locator('[data-test="evidence-input"]').setInputFiles(PHOTO)
      await report.locator('[data-test="evidence-item"][data-status="done"]').waitFor()
      await report.locator('[data-test="step-confirm"]').click()
      const entry = page.locator('[data-test="timeline-entry"][data-kind="quarterly"]', {
        hasText: quarterly,
      })
      await entry.waitFor()
      await entry.locator('[data-test="attachment-image"] img').first().waitFor()
      await page.locator('[data-test="item-quarter-tag"]', { hasText: '已报告' }).waitFor()

      await page.locator('[data-test="action-submit"]').click()
      const submit = page.locator('.el-dialog', { hasText: '完成情况' })
      await submit.locator('[data-test="step-content"]').fill(done)
      await submit.locator('[data-test="step-confirm"]').click()
      await page.locator('[data-test="item-status"]', { hasText: '已报完成' }).waitFor()
      assert.equal(await page.locator('[data-test="action-submit"]').count(), 0)
    })

    const stored = await api(baseURL, 'shahe_v01_shuji', `/responsibility-items/${item.id}`)
    assert.equal(stored.body.status, 'submitted')
    assert.equal(stored.body.reported_this_quarter, true)

    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_djb')
      await page.goto(
        `${baseURL}/responsibilities/items?status=submitted&root_id=${villages.binjiang}`,
      )
      await page
        .locator('[data-test="item-table"] .title-link', { hasText: item.title })
        .first()
        .click()
      await page.waitForURL(`${baseURL}/responsibilities/items/${item.id}`)
      await page.locator('[data-test="timeline-entry"]', { hasText: done }).waitFor()
      await page.locator('[data-test="timeline-entry"]', { hasText: quarterly }).waitFor()
      assert.equal(await page.locator('[data-test="action-quarterly"]').count(), 0)

      await page.locator('[data-test="action-complete"]').click()
      const confirm = page.locator('.el-dialog', { hasText: '审核意见' })
      await confirm.locator('[data-test="step-confirm"]').click()
      await page.locator('[data-test="item-status"]', { hasText: '已完成' }).waitFor()
      assert.equal(await page.locator('[data-test="action-complete"]').count(), 0)
      await page.locator('[data-test="action-reopen"]').waitFor()
    })
    const after = await api(baseURL, 'shahe_djb', `/responsibility-items/${item.id}`)
    assert.equal(after.body.status, 'completed')
  })

  test('the township drafts a letter with items and issues it; the village secretary signs it', async () => {
    const year = new Date().getFullYear() + 1
    const draft = await api(baseURL, 'shahe_djb', '/responsibility-letters', {
      method: 'POST',
      body: { org_id: villages.binjiang, year },
    })
    assert.equal(draft.status, 201, JSON.stringify(draft.body))
    const letter = draft.body
    const duty = `E2E ${RUN}：落实“三会一课”制度，每季度讲一次党课`

    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_djb')
      await page.goto(`${baseURL}/responsibilities?year=${year}`)
      await page
        .locator('[data-test="letter-table"] .title-link', { hasText: letter.title })
        .first()
        .click()
      await page.waitForURL(`${baseURL}/responsibilities/letters/${letter.id}`)
      await page.locator('[data-test="letter-status"]', { hasText: '草稿' }).waitFor()
      // the issuing side never signs
      assert.equal(await page.locator('[data-test="letter-sign"]').count(), 0)

      await page.locator('[data-test="item-add"]').click()
      const dialog = page.locator('.el-dialog', { hasText: '添加事项' })
      await dialog.locator('[data-test="item-role"] label', { hasText: '副书记' }).click()
      await dialog.locator('[data-test="item-description"]').fill(duty)
      await dialog.locator('[data-test="item-save"]').click()
      const row = page.locator('[data-test="letter-items"] .el-table__row', { hasText: duty })
      await row.waitFor()
      assert.match(await row.innerText(), /副书记/)

      await page.locator('[data-test="letter-issue"]').click()
      await confirmBox(page)
      await page.locator('[data-test="letter-status"]', { hasText: '已下达' }).waitFor()
      assert.equal(await page.locator('[data-test="item-add"]').count(), 0)
      assert.equal(await page.locator('[data-test="letter-issue"]').count(), 0)
    })

    await withBrowser(PHONE, async (page) => {
      await loginAs(page, baseURL, 'shahe_v01_shuji')
      await page.goto(`${baseURL}/responsibilities/letters/${letter.id}`)
      await page.locator('[data-test="letter-status"]', { hasText: '已下达' }).waitFor()
      // signing needs a responsible person for every item: the secretary names them first
      await page.locator('[data-test="letter-assign-hint"]').waitFor()
      await page.locator('[data-test="item-assign"]').click()
      const assign = page.locator('.el-dialog', { hasText: '指定责任人' })
      await assign.locator('[data-test="responsible-select"]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '本人' }).click()
      await assign.locator('[data-test="item-save"]').click()
      await page.locator('[data-test="letter-assign-hint"]').waitFor({ state: 'detached' })
      await page.locator('[data-test="letter-sign"]').click()
      await confirmBox(page)
      await page.locator('[data-test="letter-status"]', { hasText: '已签订' }).waitFor()
      assert.notEqual(await page.locator('[data-test="letter-signed-at"]').innerText(), '—')
      await noHorizontalOverflow(page)
    })

    const me = await api(baseURL, 'shahe_v01_shuji', '/auth/me')
    const signed = await api(baseURL, 'shahe_v01_shuji', `/responsibility-letters/${letter.id}`)
    assert.equal(signed.body.status, 'signed')
    assert.equal(signed.body.signed_by_id, me.body.user.id)
    assert.deepEqual(
      signed.body.items.map((i) => [i.role, i.description, i.status, i.responsible_user_id]),
      [['deputy', duty, 'in_progress', me.body.user.id]],
    )
  })

  test("a village user cannot open another village's item by URL: the not-found page", async () => {
    const theirs = await api(
      baseURL,
      'gangkou_v01_shuji',
      `/responsibility-items?root_id=${villages.other}&page_size=1`,
    )
    const foreign = theirs.body.items[0]
    assert.ok(foreign, 'the other village has items')
    const direct = await api(baseURL, 'shahe_v01_shuji', `/responsibility-items/${foreign.id}`)
    assert.equal(direct.status, 404)

    await withBrowser(PHONE, async (page) => {
      await loginAs(page, baseURL, 'shahe_v01_shuji')
      await page.goto(`${baseURL}/responsibilities/items/${foreign.id}`)
      await page.getByText('责任事项不存在，或不在您的管理范围内').waitFor()
      assert.equal(await page.locator('[data-test="item-detail"]').count(), 0)
      assert.equal(await page.getByText(foreign.title).count(), 0)

      // the village's own ledger still works on a phone, without sideways scrolling
      await page.goto(`${baseURL}/responsibilities/items`)
      await page.locator('[data-test="item-card"]').first().waitFor()
      await noHorizontalOverflow(page)
    })
  })
})

describe('问题通报', () => {
  test('an organizer drafts with the proposed ranking, publishes, and the print view shows the number', async () => {
    const title = `E2E ${RUN}：关于第四季度问题整改情况的通报`
    let id
    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'organizer')
      await page.goto(`${baseURL}/bulletins`)
      await page.locator('[data-test="bulletin-create"]').click()
      await page.waitForURL(`${baseURL}/bulletins/new`)
      await page.locator('[data-test="bulletin-title"]').fill(title)
      await page.locator('[data-test="bulletin-summary"]').fill('现将近期问题整改情况通报如下。')
      await page.locator('[data-test="ranking-propose"]').click()
      await page.locator('[data-test="ranking-rows"] .el-table__row').first().waitFor()
      assert.ok(
        (await page.locator('[data-test="ranking-rows"] .el-table__row').count()) > 1,
        'the proposal ranks the orgs below',
      )
      await page.locator('[data-test="bulletin-save"]').click()
      await page.waitForURL(/\/bulletins\/\d+$/)
      id = Number(new URL(page.url()).pathname.split('/').pop())
      await page.locator('[data-test="bulletin-status"]', { hasText: '草稿' }).waitFor()
      assert.equal(
        await page.locator('[data-test="bulletin-number"]').innerText(),
        '草稿（未编号）',
      )

      await page.locator('[data-test="bulletin-publish"]').click()
      await confirmBox(page)
      await page.locator('[data-test="bulletin-status"]', { hasText: '已发布' }).waitFor()
      assert.equal(await page.locator('[data-test="bulletin-publish"]').count(), 0)
      assert.equal(await page.locator('[data-test="bulletin-edit"]').count(), 0)

      const stored = await api(baseURL, 'organizer', `/bulletins/${id}`)
      assert.equal(stored.body.status, 'published')
      assert.ok(stored.body.rankings.length > 0, 'the proposed ranking was saved')
      const label = stored.body.label
      assert.match(label, /^\d{4}年第\d+期$/)
      assert.equal(await page.locator('[data-test="bulletin-number"]').innerText(), label)

      await page.locator('[data-test="bulletin-print"]').click()
      await page.waitForURL(`${baseURL}/bulletins/${id}/print`)
      const frame = page.frameLocator('[data-test="print-frame"]')
      await frame.locator('body', { hasText: label }).waitFor()
      await frame.locator('body', { hasText: title }).waitFor()
      assert.ok(await page.locator('[data-test="print-button"]').isEnabled())
    })
  })
})

describe('书记联系点', () => {
  test('a secretary records a visit and the quarterly compliance counts it', async () => {
    const me = await api(baseURL, 'shahe_shuji', '/auth/me')
    const userId = me.body.user.id
    const before = await api(baseURL, 'shahe_shuji', `/contact-points/compliance?user_id=${userId}`)
    const row = before.body.items.find((r) => !r.met) ?? before.body.items[0]
    assert.ok(row, 'the secretary has contact points')
    const content = `E2E ${RUN}：走访${row.org_name}，督导“三会一课”落实`

    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_shuji')
      await page.goto(`${baseURL}/contacts?tab=compliance`)
      const card = page.locator('[data-test="contact-compliance"]')
      await card.locator('.el-switch').click() // only mine
      const line = card.locator('.el-table__row', { hasText: row.org_name })
      await line
        .locator('[data-test="compliance-visits"]', { hasText: String(row.visits) })
        .waitFor()

      await page.goto(`${baseURL}/contacts`)
      const point = page
        .locator('[data-test="contact-table"] .el-table__row', { hasText: row.org_name })
        .first()
      await point.locator('[data-test="contact-visit"]').click()
      const dialog = page.locator('.el-dialog', { hasText: '走访内容' })
      await dialog.locator('[data-test="visit-content"]').fill(content)
      await dialog.locator('[data-test="evidence-input"]').setInputFiles(PHOTO)
      await dialog.locator('[data-test="evidence-item"][data-status="done"]').waitFor()
      await dialog.locator('[data-test="visit-save"]').click()
      await dialog.waitFor({ state: 'hidden' })

      await page.locator('.el-tabs__item', { hasText: '走访记录' }).click()
      await page
        .locator('[data-test="visit-table"] .el-table__row', { hasText: row.org_name })
        .first()
        .waitFor()

      await page.locator('.el-tabs__item', { hasText: '季度达标' }).click()
      const after = page.locator('[data-test="contact-compliance"]')
      await after.locator('.el-switch').click()
      const updated = after.locator('.el-table__row', { hasText: row.org_name })
      await updated
        .locator('[data-test="compliance-visits"]', { hasText: String(row.visits + 1) })
        .waitFor()
      if (row.visits + 1 >= row.required) {
        await updated.locator('[data-test="compliance-met"]').waitFor()
      }

      // the ledger exports to .xlsx (fetched with the token, saved as a blob)
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        after.locator('[data-test="compliance-export"]').click(),
      ])
      assert.match(download.suggestedFilename(), /^书记联系点走访情况\d{4}-Q[1-4]\.xlsx$/)
      const file = await download.path()
      assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file')
    })

    const now = await api(baseURL, 'shahe_shuji', `/contact-points/compliance?user_id=${userId}`)
    const stored = now.body.items.find((r) => r.contact_point_id === row.contact_point_id)
    assert.equal(stored.visits, row.visits + 1)
    const visits = await api(
      baseURL,
      'shahe_shuji',
      `/visits?contact_point_id=${row.contact_point_id}&page_size=5`,
    )
    const mine = visits.body.items.find((v) => v.content === content)
    assert.ok(mine, 'the visit was stored')
    assert.equal(mine.attachments.length, 1)
  })
})
