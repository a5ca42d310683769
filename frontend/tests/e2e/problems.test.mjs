import { before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DESKTOP, PHONE, api, loginAs, openBrowser } from './harness.mjs'

const baseURL = process.env.E2E_BASE_URL
if (!baseURL) throw new Error('E2E_BASE_URL is not set: run through `npm run test:e2e`')

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')
const PHOTO = path.join(FIXTURES, 'evidence.png')
const NOT_EVIDENCE = path.join(FIXTURES, 'not-evidence.txt')

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

/** The 问题单 is issued through the API by the township organizer (the demo has no problems). */
async function issue(orgId, description, by = 'shahe_djb', extra = {}) {
  const res = await api(baseURL, by, '/problems', {
    method: 'POST',
    body: { org_id: orgId, source: 'inspection', description, category: 'deadline', ...extra },
  })
  assert.equal(res.status, 201, JSON.stringify(res.body))
  return res.body
}

/** Makes titles unique, so a test can be re-run against a server that keeps its data. */
const RUN = Date.now().toString(36).slice(-5)

const statusTag = (page) => page.locator('[data-test="problem-status"] .el-tag')

let villages
before(async () => {
  const own = await api(baseURL, 'shahe_v01_shuji', '/auth/me')
  const other = await api(baseURL, 'gangkou_v01_shuji', '/auth/me')
  villages = { binjiang: own.body.user.org_id, other: other.body.user.org_id }
  assert.notEqual(villages.binjiang, villages.other)
})

describe('问题单', () => {
  test('a village secretary rectifies and submits with a photo; the township organizer closes it off', async () => {
    const problem = await issue(
      villages.binjiang,
      `E2E ${RUN}：党员活动室制度上墙不全\n督查发现活动室缺少“三会一课”制度牌。`,
    )

    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_v01_shuji')
      // from the home page's "what is due" card into the problem
      await page
        .locator('[data-test="home-due-item"]', { hasText: `E2E ${RUN}：党员活动室` })
        .click()
      await page.waitForURL(`${baseURL}/problems/${problem.id}`)
      assert.equal(
        await page.locator('[data-test="problem-title"]').innerText(),
        `E2E ${RUN}：党员活动室制度上墙不全`,
      )
      assert.equal(await statusTag(page).innerText(), '待整改')
      // only what the server allows: the village rectifies, it never closes off
      assert.equal(await page.locator('[data-test="action-close"]').count(), 0)

      // 制定整改措施
      await page.locator('[data-test="action-rectify"]').click()
      const rectify = page.locator('.el-dialog', { hasText: '制定整改措施' })
      await rectify
        .locator('[data-test="rectify-measures"]')
        .fill('制作制度牌并上墙，建立月度检查台账')
      const deadline = rectify.locator('.el-form-item', { hasText: '整改时限' }).locator('input')
      await deadline.fill('2026-12-31')
      await deadline.press('Enter')
      assert.match(
        await rectify.locator('[data-test="responsible-select"]').innerText(),
        /本人/,
        'the secretary is the default responsible person',
      )
      await rectify.locator('[data-test="action-confirm"]').click()
      await page.locator('[data-test="problem-status"] .el-tag', { hasText: '整改中' }).waitFor()
      await page
        .locator('[data-test="problem-measures"]', { hasText: '制作制度牌并上墙' })
        .waitFor()

      // 申请销号 with a photo from disk
      await page.locator('[data-test="action-submit"]').click()
      const submit = page.locator('.el-dialog', { hasText: '申请销号' })
      await submit.locator('[data-test="submit-content"]').fill('制度牌已上墙，附现场照片')
      await submit.locator('[data-test="evidence-input"]').setInputFiles(PHOTO)
      await submit.locator('[data-test="evidence-item"][data-status="done"]').waitFor()
      assert.ok(await submit.locator('[data-test="evidence-item"] img').isVisible(), 'thumbnail')
      await submit.locator('[data-test="action-confirm"]').click()
      await page.locator('[data-test="problem-status"] .el-tag', { hasText: '申请销号' }).waitFor()

      // the timeline shows the evidence, loaded with the bearer token into a blob URL
      const photo = page.locator(
        '[data-test="problem-timeline"] [data-test="attachment-image"] img',
      )
      await photo.first().waitFor()
      assert.match(await photo.first().getAttribute('src'), /^blob:/)
      assert.equal(await page.locator('[data-test="action-submit"]').count(), 0)
    })

    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_djb')
      await page.goto(`${baseURL}/problems?status=submitted`)
      await page
        .locator('[data-test="problem-table"] .title-link', {
          hasText: `E2E ${RUN}：党员活动室`,
        })
        .click()
      await page.waitForURL(`${baseURL}/problems/${problem.id}`)
      await page.locator('[data-test="action-close"]').click()
      const dialog = page.locator('.el-dialog', { hasText: '确认该问题已整改到位' })
      await dialog.locator('[data-test="action-note"]').fill('经核查，已整改到位')
      await dialog.locator('[data-test="action-confirm"]').click()
      await page.locator('[data-test="problem-status"] .el-tag', { hasText: '已销号' }).waitFor()
      assert.equal(await statusTag(page).innerText(), '已销号')
      const timeline = page.locator('[data-test="problem-timeline"]')
      await timeline.getByText('经核查，已整改到位').waitFor()
      assert.ok(await timeline.locator('[data-test="attachment-image"]').first().isVisible())
      // after close-off, re-checking (回头看) is what remains
      await page.locator('[data-test="action-recheck"]').waitFor()
    })

    const closed = await api(baseURL, 'shahe_djb', `/problems/${problem.id}`)
    assert.equal(closed.body.status, 'closed')
  })

  test("a village user cannot open another village's problem by URL", async () => {
    const elsewhere = await issue(villages.other, 'E2E：别村的问题，不应被看到', 'organizer')
    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_v01_dangwu')
      await page.goto(`${baseURL}/problems/${elsewhere.id}`)
      const notFound = page.locator('[data-test="not-found"]')
      await notFound.waitFor()
      assert.match(await notFound.innerText(), /页面不存在/)
      assert.match(await notFound.innerText(), /不在您的管辖范围内/)
      assert.equal(await page.getByText('别村的问题').count(), 0)
    })
  })

  test('the problem detail page and its forms work on a 390×844 phone', async () => {
    const problem = await issue(villages.binjiang, `E2E ${RUN}：手机端整改测试，党员积分制未落实`)
    await withBrowser(PHONE, async (page) => {
      await loginAs(page, baseURL, 'shahe_v01_shuji')
      await page.goto(`${baseURL}/problems`)
      await page
        .locator('[data-test="problem-cards"] [data-test="problem-card"]', {
          hasText: `E2E ${RUN}：手机端整改测试`,
        })
        .click()
      await page.waitForURL(`${baseURL}/problems/${problem.id}`)
      await page.locator('[data-test="problem-detail"]').waitFor()
      await noHorizontalOverflow(page)
      for (const name of ['action-rectify', 'action-monthly']) {
        const box = await page.locator(`[data-test="${name}"]`).boundingBox()
        assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${name} on screen`)
      }

      // 每月更新上报 on the phone: the camera can be opened directly, refused files show the server's reason
      await page.locator('[data-test="action-monthly"]').click()
      const monthly = page.locator('.el-dialog.is-fullscreen', { hasText: '每月更新' })
      await monthly.waitFor()
      const camera = monthly.locator('[data-test="evidence-camera"] input[type="file"]')
      assert.equal(await camera.getAttribute('capture'), 'environment')
      assert.equal(await camera.getAttribute('accept'), 'image/*')
      await monthly.locator('[data-test="evidence-input"]').setInputFiles(NOT_EVIDENCE)
      await monthly.locator('[data-test="evidence-item"][data-status="error"]').waitFor()
      assert.match(
        await monthly.locator('[data-test="evidence-errors"]').innerText(),
        /不支持的文件类型/,
      )
      await monthly.locator('[data-test="evidence-remove"]').click()
      assert.equal(await monthly.locator('[data-test="evidence-item"]').count(), 0)
      await monthly.locator('[data-test="evidence-camera"] input').setInputFiles(PHOTO)
      await monthly.locator('[data-test="evidence-item"][data-status="done"]').waitFor()
      await monthly.locator('[data-test="report-content"]').fill('已制定积分细则，正在公示')
      const confirm = await monthly.locator('[data-test="report-confirm"]').boundingBox()
      assert.ok(confirm && confirm.x + confirm.width <= PHONE.width, 'confirm button on screen')
      await monthly.locator('[data-test="report-confirm"]').click()
      await page
        .locator('[data-test="problem-timeline"] [data-test="timeline-entry"][data-kind="monthly"]')
        .waitFor()
      await page.locator('[data-test="action-monthly"]', { hasText: '更新本月上报' }).waitFor()

      // 制定整改措施 in a full-screen dialog
      await page.locator('[data-test="action-rectify"]').click()
      const rectify = page.locator('.el-dialog.is-fullscreen', { hasText: '制定整改措施' })
      await rectify.waitFor()
      await noHorizontalOverflow(page)
      await rectify.locator('[data-test="rectify-measures"]').fill('制定积分细则，按月公示')
      const deadline = rectify.locator('.el-form-item', { hasText: '整改时限' }).locator('input')
      await deadline.fill('2026-12-31')
      await deadline.press('Enter')
      await rectify.locator('[data-test="action-confirm"]').click()
      await page.locator('[data-test="problem-status"] .el-tag', { hasText: '整改中' }).waitFor()
      await noHorizontalOverflow(page)
    })
  })

  test('a refused action shows why: someone else changed the problem meanwhile (412)', async () => {
    const problem = await issue(villages.binjiang, 'E2E：并发修改测试')
    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_v01_shuji')
      await page.goto(`${baseURL}/problems/${problem.id}`)
      await page.locator('[data-test="action-rectify"]').click()
      const rectify = page.locator('.el-dialog', { hasText: '制定整改措施' })
      await rectify.locator('[data-test="rectify-measures"]').fill('措施')
      const deadline = rectify.locator('.el-form-item', { hasText: '整改时限' }).locator('input')
      await deadline.fill('2026-12-31')
      await deadline.press('Enter')

      const changed = await api(baseURL, 'shahe_djb', `/problems/${problem.id}`, {
        method: 'PATCH',
        body: { severity: 'serious' },
      })
      assert.equal(changed.status, 200)

      await rectify.locator('[data-test="action-confirm"]').click()
      await page.getByText('数据已被他人修改').first().waitFor()
      await page.locator('[data-test="problem-detail"] .el-tag', { hasText: '较重' }).waitFor()
      assert.equal(await statusTag(page).innerText(), '待整改')
    })
  })
})

describe('督查调研', () => {
  test('the township organizer records an inspection and issues a finding from it', async () => {
    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_djb')
      await page.locator('[data-test="side-menu"]').getByText('督查调研').click()
      await page.waitForURL(/\/inspections/)
      await page.locator('[data-test="inspection-create"]').click()
      const form = page.locator('[data-test="inspection-form"]')
      await form.waitFor()
      await form.locator('[data-test="inspection-title"]').fill(`E2E ${RUN} 党建督查`)
      const date = form.locator('.el-form-item', { hasText: '日期' }).locator('input')
      await date.fill('2026-11-18')
      await date.press('Enter')
      await form.locator('[data-test="inspection-inspectors"]').fill('王明、李华')
      await form.locator('[data-test="inspection-visited"]').click()
      const dropdown = page.locator('.el-tree-select__popper:visible')
      await dropdown.locator('.el-tree-node__expand-icon').first().click()
      await dropdown
        .locator('.el-tree-node__content', { hasText: '滨江社区' })
        .locator('.el-checkbox')
        .click()
      await form.locator('[data-test="inspection-title"]').click()
      await page.locator('[data-test="inspection-form-submit"]').click()
      await page.waitForURL(/\/inspections\/\d+$/)
      await page
        .locator('[data-test="inspection-detail"]')
        .getByText(`E2E ${RUN} 党建督查`)
        .waitFor()

      await page.locator('[data-test="inspection-add-finding"]').click()
      await page.waitForURL(/\/problems\/new\?inspection_id=\d+/)
      const problemForm = page.locator('[data-test="problem-form"]')
      await problemForm.getByText('滨江社区').first().waitFor()
      await problemForm
        .locator('[data-test="problem-description-input"]')
        .fill(`E2E ${RUN}：督查发现党员发展档案不完整`)
      await page.locator('[data-test="problem-form-submit"]').click()
      await page.waitForURL(/\/problems\/\d+$/)
      assert.equal(
        await page.locator('[data-test="problem-title"]').innerText(),
        `E2E ${RUN}：督查发现党员发展档案不完整`,
      )
      assert.equal(await statusTag(page).innerText(), '待整改')
    })
  })
})
