import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DESKTOP, PHONE, api, loginAs, openBrowser } from './harness.mjs'

const baseURL = process.env.E2E_BASE_URL
if (!baseURL) throw new Error('E2E_BASE_URL is not set: run through `npm run test:e2e`')

const PHOTO = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'evidence.png')

/** Makes titles unique, so a test can be re-run against a server that keeps its data. */
const RUN = Date.now().toString(36).slice(-5)
const TITLE = `E2E ${RUN} 流动党员“红色驿站”`

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

/** An Element Plus input by data-test: el-input puts it on the <input> itself, pickers keep it on a wrapper. */
const field = (name, tag = 'input') =>
  `:is([data-test="${name}"] ${tag}, ${tag}[data-test="${name}"])`

const statusTag = (page) => page.locator('[data-test="project-status"] .el-tag')

/** Type a date into an Element Plus date picker and close it. */
async function pickDate(input, value) {
  await input.click()
  await input.fill(value)
  await input.press('Enter')
}

/** Confirm the ElMessageBox that a button opened. */
async function confirmBox(page, text) {
  const box = page.locator('.el-message-box', { hasText: text })
  await box.waitFor()
  await box.locator('.el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

let campaign
let item
let projectId

before(async () => {
  const list = await api(baseURL, 'shahe_v01_shuji', '/project-campaigns?status=open')
  campaign = list.body.items[0]
  assert.ok(campaign, 'the demo has an open campaign')
  const detail = await api(baseURL, 'shahe_v01_shuji', `/project-campaigns/${campaign.id}`)
  // an optional (自选) item for every domain: a village community can claim it
  item = detail.body.items.find((i) => i.mandatory_levels.length === 0 && i.domain === null)
  assert.ok(item, 'the catalog has an optional item for every domain')
})

describe('书记项目', () => {
  test('a village secretary claims a catalog item, writes the plan and submits it; the township organizer approves', async () => {
    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_v01_shuji')
      await page.goto(`${baseURL}/project-campaigns`)
      await page
        .locator('[data-test="campaign-table"] .title-link', { hasText: campaign.title })
        .click()
      await page.waitForURL(`${baseURL}/project-campaigns/${campaign.id}`)
      // a secretary claims; catalog editing and publishing are for the organizers only
      assert.equal(await page.locator('[data-test="campaign-actions"]').count(), 0)
      assert.equal(await page.locator('[data-test="item-edit"]').count(), 0)
      assert.match(await page.locator('[data-test="claim-status"]').innerText(), /已认领 0 个项目/)

      const row = page.locator('[data-test="campaign-item"]', { hasText: item.title })
      await row.locator('[data-test="item-claim"]').click()
      const claim = page.locator('.el-dialog', { hasText: '认领项目' })
      await claim.locator(field('claim-title')).fill(TITLE)
      await claim.locator('[data-test="claim-confirm"]').click()
      await page.waitForURL(/\/projects\/\d+\/plan$/)
      projectId = Number(new URL(page.url()).pathname.split('/')[2])

      const stored = await api(baseURL, 'shahe_v01_shuji', `/projects/${projectId}`)
      assert.equal(stored.body.title, TITLE)
      assert.equal(stored.body.status, 'draft')
      assert.equal(stored.body.item_id, item.id)

      // someone else saves the plan first: this editor is told, and reloads theirs
      const editor = page.locator('[data-test="project-plan-editor"]')
      await editor.locator(field('plan-goals', 'textarea')).fill('这段内容会被覆盖')
      const other = await api(baseURL, 'shahe_v01_shuji', `/projects/${projectId}`, {
        method: 'PATCH',
        body: { plan: { goals: '在另一个窗口保存的目标' } },
      })
      assert.equal(other.status, 200, JSON.stringify(other.body))
      await editor.locator('[data-test="plan-save"]').click()
      await editor.locator('[data-test="plan-stale"]').waitFor()
      assert.match(await editor.locator('[data-test="plan-stale"]').innerText(), /已被他人修改/)
      await editor.locator('[data-test="plan-reload"]').click()
      await editor.locator('[data-test="plan-stale"]').waitFor({ state: 'hidden' })
      assert.equal(
        await editor.locator(field('plan-goals', 'textarea')).inputValue(),
        '在另一个窗口保存的目标',
      )

      // an incomplete plan is caught before it is sent
      await editor.locator('[data-test="plan-submit"]').click()
      await editor.locator('.el-form-item__error', { hasText: '请填写工作措施' }).waitFor()
      await editor.locator('.el-form-item__error', { hasText: '至少需要一个阶段节点' }).waitFor()

      await editor
        .locator(field('plan-goals', 'textarea'))
        .fill('建立流动党员“红色驿站”，年底前实现流动党员联系全覆盖')
      await editor
        .locator(field('plan-measures', 'textarea'))
        .fill('摸清流动党员底数，建立微信联络群，每季度组织一次线上组织生活')
      await editor.locator('[data-test="plan-team"]').click()
      await page.keyboard.type('郝静（组长）')
      await page.keyboard.press('Enter')
      await page.keyboard.press('Escape')
      await editor.locator('[data-test="milestone-add"]').click()
      await editor.locator('[data-test="milestone-add"]').click()
      const rows = editor.locator('[data-test="milestone-row"]')
      assert.equal(await rows.count(), 2)
      await rows.nth(0).locator(field('milestone-title')).fill('建立联络群')
      await pickDate(rows.nth(0).locator(field('milestone-due')), '2026-12-20')
      await rows.nth(1).locator(field('milestone-title')).fill('摸清底数')
      await pickDate(rows.nth(1).locator(field('milestone-due')), '2026-12-10')
      // reorder: 摸清底数 first
      await rows.nth(1).locator('[data-test="milestone-up"]').click()
      assert.equal(await rows.nth(0).locator(field('milestone-title')).inputValue(), '摸清底数')

      await editor.locator('[data-test="plan-submit"]').click()
      await confirmBox(page, '申报后方案不能再修改')
      await page.waitForURL(`${baseURL}/projects/${projectId}`)
      await page.locator('[data-test="project-status"] .el-tag', { hasText: '已申报' }).waitFor()
      // a village secretary never approves its own project
      assert.equal(await page.locator('[data-test="action-approve"]').count(), 0)
      assert.equal(await page.locator('[data-test="action-plan"]').count(), 0)
    })

    const submitted = await api(baseURL, 'shahe_v01_shuji', `/projects/${projectId}`)
    assert.equal(submitted.body.status, 'submitted')
    assert.deepEqual(
      submitted.body.plan.milestones.map((m) => [m.title, m.due_on]),
      [
        ['摸清底数', '2026-12-10'],
        ['建立联络群', '2026-12-20'],
      ],
    )
    assert.deepEqual(submitted.body.plan.team, ['郝静（组长）'])

    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_djb')
      await page.goto(`${baseURL}/projects?status=submitted`)
      await page.locator('[data-test="project-table"] .title-link', { hasText: TITLE }).click()
      await page.waitForURL(`${baseURL}/projects/${projectId}`)
      assert.equal(await statusTag(page).innerText(), '已申报')
      // the organizer reviews; submitting or reporting is not theirs
      assert.equal(await page.locator('[data-test="action-submit"]').count(), 0)
      await page.locator('[data-test="action-approve"]').click()
      const dialog = page.locator('.el-dialog', { hasText: '审核通过后' })
      await dialog.locator(field('action-note', 'textarea')).fill('方案可行，同意实施')
      await dialog.locator('[data-test="action-confirm"]').click()
      await page.locator('[data-test="project-status"] .el-tag', { hasText: '审核通过' }).waitFor()
      await page
        .locator('[data-test="project-timeline"] [data-test="timeline-entry"]', {
          hasText: '方案可行，同意实施',
        })
        .waitFor()
    })
    const approved = await api(baseURL, 'shahe_djb', `/projects/${projectId}`)
    assert.equal(approved.body.status, 'approved')
  })

  test('the secretary starts the project and records a monthly report with a photo', async () => {
    assert.ok(projectId, 'runs after the claim test')
    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_v01_shuji')
      await page.goto(`${baseURL}/projects/${projectId}`)
      await page.locator('[data-test="action-start"]').click()
      await page
        .locator('.el-dialog', { hasText: '确认项目开始实施' })
        .locator('[data-test="action-confirm"]')
        .click()
      await page.locator('[data-test="project-status"] .el-tag', { hasText: '实施中' }).waitFor()
      assert.match(await page.locator('[data-test="project-monthly-tag"]').innerText(), /未调度/)

      await page.locator('[data-test="action-monthly"]').click()
      const monthly = page.locator('.el-dialog', { hasText: '一月一调度' })
      await monthly.locator(field('monthly-progress')).fill('30')
      await monthly
        .locator(field('monthly-content', 'textarea'))
        .fill('完成流动党员摸底，建立联络群 2 个')
      await monthly.locator('[data-test="evidence-input"]').setInputFiles(PHOTO)
      await monthly.locator('[data-test="evidence-item"][data-status="done"]').waitFor()
      await monthly.locator('[data-test="monthly-confirm"]').click()
      const entry = page.locator(
        '[data-test="project-timeline"] [data-test="timeline-entry"][data-kind="monthly"]',
      )
      await entry.waitFor()
      assert.match(await entry.innerText(), /完成流动党员摸底/)
      assert.match(await entry.innerText(), /进度 30%/)
      const photo = entry.locator('[data-test="attachment-image"] img')
      await photo.waitFor()
      assert.match(await photo.getAttribute('src'), /^blob:/)
      assert.match(await page.locator('[data-test="project-monthly-tag"]').innerText(), /已调度/)

      // the first milestone is completed from the plan
      await page
        .locator('[data-test="milestone"]', { hasText: '摸清底数' })
        .locator('[data-test="milestone-complete"]')
        .click()
      await confirmBox(page, '摸清底数')
      await page
        .locator('[data-test="milestone"]', { hasText: '摸清底数' })
        .locator('.el-tag', { hasText: '已完成' })
        .waitFor()
    })

    const stored = await api(baseURL, 'shahe_v01_shuji', `/projects/${projectId}`)
    assert.equal(stored.body.status, 'in_progress')
    assert.equal(stored.body.progress, 30)
    assert.equal(stored.body.reported_this_month, true)
    assert.ok(stored.body.plan.milestones[0].completed_at, 'milestone completed')
    const timeline = await api(baseURL, 'shahe_v01_shuji', `/projects/${projectId}/timeline`)
    const report = timeline.body.find((e) => e.kind === 'monthly')
    assert.equal(report.attachments.length, 1)
    assert.equal(report.attachments[0].content_type, 'image/png')
  })

  test("a village user cannot open another village's project by URL", async () => {
    assert.ok(projectId, 'runs after the claim test')
    const refused = await api(baseURL, 'gangkou_v01_shuji', `/projects/${projectId}`)
    assert.equal(refused.status, 404)
    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'gangkou_v01_shuji')
      await page.goto(`${baseURL}/projects/${projectId}`)
      const notFound = page.locator('[data-test="not-found"]')
      await notFound.waitFor()
      assert.match(await notFound.innerText(), /404/)
      assert.match(await notFound.innerText(), /不在您的管辖范围内/)
      assert.equal(await page.getByText(TITLE).count(), 0)
    })
  })

  test('the ledger, statistics and project pages fit a 390×844 phone', async () => {
    await withBrowser(PHONE, async (page) => {
      await loginAs(page, baseURL, 'shahe_djb')
      await page.goto(`${baseURL}/projects`)
      await page.locator('[data-test="project-cards"] [data-test="project-card"]').first().waitFor()
      await noHorizontalOverflow(page)
      await page.goto(`${baseURL}/projects/stats`)
      await page.locator('[data-test="project-rollup-chart"] canvas').waitFor()
      await noHorizontalOverflow(page)
      await page.goto(`${baseURL}/projects/${projectId}`)
      await page.locator('[data-test="project-detail"] [data-test="project-title"]').waitFor()
      await noHorizontalOverflow(page)
    })
  })
})

describe('项目活动', () => {
  test('a county organizer writes a catalog, publishes the campaign and closes it', async () => {
    const title = `E2E ${RUN} 2027 年度书记项目`
    let campaignId
    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'organizer')
      await page.goto(`${baseURL}/project-campaigns`)
      await page.locator('[data-test="campaign-create"]').click()
      const form = page.locator('.el-dialog', { hasText: '新建项目活动' })
      await form.locator(field('campaign-title')).fill(title)
      await form.locator('.el-form-item', { hasText: '年度' }).locator('input').fill('2027')
      await form.locator('[data-test="campaign-save"]').click()
      await page.waitForURL(/\/project-campaigns\/\d+$/)
      campaignId = Number(new URL(page.url()).pathname.split('/')[2])
      assert.equal(await page.locator('[data-test="campaign-title"]').innerText(), title)
      assert.equal(await page.locator('[data-test="campaign-status"] .el-tag').innerText(), '草稿')

      // the catalog: two items, one renamed, one removed
      for (const name of ['党建+网格治理', '待删除的项目']) {
        await page.locator('[data-test="item-add"]').click()
        const dialog = page.locator('.el-dialog', { hasText: '新增清单项目' })
        await dialog.locator(field('item-title')).fill(name)
        await dialog.locator('[data-test="item-save"]').click()
        await dialog.waitFor({ state: 'hidden' })
        await page.locator('[data-test="campaign-item"]', { hasText: name }).waitFor()
      }
      await page
        .locator('[data-test="campaign-item"]', { hasText: '党建+网格治理' })
        .locator('[data-test="item-edit"]')
        .click()
      const edit = page.locator('.el-dialog', { hasText: '编辑清单项目' })
      await edit.locator(field('item-title')).fill('党建+网格化治理')
      await edit.locator('[data-test="item-save"]').click()
      await page.locator('[data-test="campaign-item"]', { hasText: '党建+网格化治理' }).waitFor()
      await page
        .locator('[data-test="campaign-item"]', { hasText: '待删除的项目' })
        .locator('[data-test="item-delete"]')
        .click()
      await confirmBox(page, '待删除的项目')
      await page
        .locator('[data-test="campaign-item"]', { hasText: '待删除的项目' })
        .waitFor({ state: 'detached' })

      // 发布认领: the catalog is fixed from then on
      await page.locator('[data-test="campaign-open"]').click()
      await confirmBox(page, '发布后项目清单不能再修改')
      await page
        .locator('[data-test="campaign-status"] .el-tag', { hasText: '认领实施中' })
        .waitFor()
      assert.equal(await page.locator('[data-test="item-add"]').count(), 0)
      assert.equal(await page.locator('[data-test="item-edit"]').count(), 0)

      await page.locator('[data-test="campaign-close"]').click()
      await confirmBox(page, '结束后不能再认领和申报')
      await page.locator('[data-test="campaign-status"] .el-tag', { hasText: '已结束' }).waitFor()
      assert.equal(await page.locator('[data-test="campaign-actions"]').count(), 0)
    })

    const stored = await api(baseURL, 'organizer', `/project-campaigns/${campaignId}`)
    assert.equal(stored.body.status, 'closed')
    assert.equal(stored.body.year, 2027)
    assert.deepEqual(
      stored.body.items.map((i) => i.title),
      ['党建+网格化治理'],
    )
  })
})
