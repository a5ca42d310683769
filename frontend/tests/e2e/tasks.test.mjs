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

async function withBrowser(viewport, fn) {
  const browser = await openBrowser(viewport)
  try {
    await fn(browser.page, browser.context)
  } finally {
    await browser.close()
  }
}

function isoDate(daysAhead) {
  const d = new Date(Date.now() + daysAhead * 86_400_000)
  const pad = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

async function pickOption(page, trigger, text) {
  await trigger.click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

const messageBoxConfirm = (page) => page.locator('.el-message-box .el-button--primary').click()
const assignmentStatus = (page) => page.locator('[data-test="assignment-status"] .el-tag')

let own
before(async () => {
  const me = await api(baseURL, 'shahe_v01_shuji', '/auth/me')
  own = me.body.user.org_id
})

describe('任务单', () => {
  test('an organizer issues a list to the villages; a village secretary reports with a photo; the issuer accepts', async () => {
    const listTitle = `E2E ${RUN} 基层党建月度工作清单`
    const taskTitle = `E2E ${RUN} 开展主题党日活动`
    let listId

    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_djb')
      await page.goto(`${baseURL}/task-lists`)
      await page.locator('[data-test="task-list-create"]').click()
      const listForm = page.locator('.el-dialog', { hasText: '起草任务清单' })
      await listForm.locator('[data-test="task-list-title"]').fill(listTitle)
      await listForm.locator('[data-test="task-list-save"]').click()
      await page.waitForURL(/\/task-lists\/\d+$/)
      listId = Number(new URL(page.url()).pathname.split('/').pop())
      assert.equal(await page.locator('[data-test="task-list-name"]').innerText(), listTitle)
      assert.equal(await page.locator('[data-test="task-list-status"] .el-tag').innerText(), '草稿')

      // a task for every village of the township, due in five days
      await page.locator('[data-test="task-add"]').click()
      const taskForm = page.locator('.el-dialog', { hasText: '添加任务' })
      await taskForm.locator('[data-test="task-title"]').fill(taskTitle)
      await taskForm.locator('[data-test="task-description"]').fill('围绕学习教育开展')
      const deadline = taskForm.locator('.el-form-item', { hasText: '完成时限' }).locator('input')
      await deadline.fill(isoDate(5))
      await deadline.press('Enter')
      await taskForm.locator('[data-test="task-is-key"]').click()
      // without targets the form refuses
      await taskForm.locator('[data-test="task-save"]').click()
      await taskForm.getByText('请至少选择一个下级组织').waitFor()
      await taskForm.locator('[data-test="target-mode-rule"]').click()
      await pickOption(page, taskForm.locator('[data-test="task-target-level"]'), '村（社区）级')
      await taskForm.locator('[data-test="task-save"]').click()
      const item = page.locator('[data-test="task-item"]', { hasText: taskTitle })
      await item.waitFor()
      assert.match(await item.innerText(), /所有村（社区）级组织/)
      const count = Number(
        (await item.locator('[data-test="task-target-count"]').innerText()).match(/\d+/)[0],
      )
      assert.ok(count >= 2, `the task reaches the township's villages (${count})`)

      // issue: confirmed, fanned out by the server
      await page.locator('[data-test="task-list-issue"]').click()
      const box = page.locator('.el-message-box')
      assert.match(await box.innerText(), new RegExp(`${count} 个组织`))
      await messageBoxConfirm(page)
      await page.locator('[data-test="task-list-status"] .el-tag', { hasText: '已下发' }).waitFor()
      assert.equal(await page.locator('[data-test="task-add"]').count(), 0, 'no edits after issue')
      await page.locator('[data-test="task-list-assignment"]').first().waitFor()
    })

    const stored = await api(baseURL, 'shahe_djb', `/task-assignments?task_list_id=${listId}`)
    const mine = stored.body.items.find((a) => a.org_id === own)
    assert.ok(mine, 'the village got an assignment')
    assert.equal(mine.status, 'assigned')

    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_v01_shuji')
      // from the home page's "my due tasks" card into the assignment
      await page.locator('[data-test="home-task-item"]', { hasText: taskTitle }).click()
      await page.waitForURL(`${baseURL}/task-assignments/${mine.id}`)
      assert.equal(await page.locator('[data-test="assignment-title"]').innerText(), taskTitle)
      assert.equal(await assignmentStatus(page).innerText(), '待办理')
      assert.equal(await page.locator('[data-test="action-accept"]').count(), 0, 'never own accept')

      await page.locator('[data-test="action-start"]').click()
      await messageBoxConfirm(page)
      await assignmentStatus(page).filter({ hasText: '办理中' }).waitFor()

      // a key task: completion needs evidence
      await page.locator('[data-test="action-submit"]').click()
      const dialog = page.locator('.el-dialog', { hasText: '报送完成情况' })
      await dialog.locator('[data-test="assignment-content"]').fill('已开展主题党日，附照片')
      await dialog.locator('[data-test="action-confirm"]').click()
      await dialog.getByText('请上传至少一个佐证材料').waitFor()
      await dialog.locator('[data-test="evidence-input"]').setInputFiles(PHOTO)
      await dialog.locator('[data-test="evidence-item"][data-status="done"]').waitFor()
      await dialog.locator('[data-test="action-confirm"]').click()
      await assignmentStatus(page).filter({ hasText: '已报送' }).waitFor()
      const photo = page.locator(
        '[data-test="assignment-timeline"] [data-test="attachment-image"] img',
      )
      await photo.first().waitFor()
      assert.match(await photo.first().getAttribute('src'), /^blob:/)
      assert.equal(await page.locator('[data-test="action-submit"]').count(), 0)
    })

    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_djb')
      await page.goto(
        `${baseURL}/task-assignments?scope=issued&task_list_id=${listId}&status=submitted`,
      )
      await page
        .locator('[data-test="assignment-table"] .title-link', { hasText: taskTitle })
        .first()
        .click()
      await page.waitForURL(`${baseURL}/task-assignments/${mine.id}`)
      await page.locator('[data-test="action-accept"]').click()
      const dialog = page.locator('.el-dialog', { hasText: '验收通过' })
      await dialog.locator('[data-test="assignment-note"]').fill('材料齐全，验收通过')
      await dialog.locator('[data-test="action-confirm"]').click()
      await assignmentStatus(page).filter({ hasText: '已验收' }).waitFor()
      await page.locator('[data-test="assignment-timeline"]').getByText('材料齐全').waitFor()
      assert.equal(await page.locator('[data-test="assignment-actions"]').count(), 0)
    })

    const accepted = await api(baseURL, 'shahe_djb', `/task-assignments/${mine.id}`)
    assert.equal(accepted.body.status, 'accepted')
  })

  test("a village user cannot open another village's assignment by URL", async () => {
    const other = await api(baseURL, 'gangkou_v01_shuji', '/task-assignments?page_size=1')
    const elsewhere = other.body.items[0]
    assert.ok(elsewhere, 'the other village has an assignment')
    assert.notEqual(elsewhere.org_id, own)
    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_v01_shuji')
      await page.goto(`${baseURL}/task-assignments/${elsewhere.id}`)
      const notFound = page.locator('[data-test="not-found"]')
      await notFound.waitFor()
      assert.match(await notFound.innerText(), /不在您的管辖范围内/)
      assert.equal(await page.getByText(elsewhere.title).count(), 0)
    })
  })

  test('the bell shows the unread count and the inbox lists and marks notifications', async () => {
    // the reminder job runs when the server starts: wait for its notifications
    let unread = 0
    for (let i = 0; i < 40 && unread === 0; i++) {
      unread = (await api(baseURL, 'shahe_v01_shuji', '/notifications/unread-count')).body.unread
      if (unread === 0) await new Promise((r) => setTimeout(r, 500))
    }
    assert.ok(unread > 0, 'the demo village has unread reminders')
    const newest = (await api(baseURL, 'shahe_v01_shuji', '/notifications?unread=true&sort=-id'))
      .body.items[0]

    await withBrowser(PHONE, async (page) => {
      await loginAs(page, baseURL, 'shahe_v01_shuji')
      const badge = page.locator('[data-test="notification-badge"] .el-badge__content')
      await badge.filter({ hasText: String(unread) }).waitFor()
      await page.locator('[data-test="notification-bell"]').click()
      await page.waitForURL(`${baseURL}/notifications`)
      const item = page.locator('[data-test="notification-item"]', { hasText: newest.title })
      await item.first().waitFor()
      assert.equal(await item.first().getAttribute('data-read'), 'false')
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      )
      assert.ok(overflow <= 0, `no horizontal overflow (${overflow}px)`)

      await item.first().locator('[data-test="notification-mark-read"]').click()
      await item.first().and(page.locator('[data-read="true"]')).waitFor()
      if (unread > 1) await badge.filter({ hasText: String(unread - 1) }).waitFor()
      else await badge.waitFor({ state: 'hidden' })

      // opening a notification about a task leads to it
      if (newest.object_type === 'task_assignment') {
        await item.first().locator('.main').click()
        await page.waitForURL(`${baseURL}/task-assignments/${newest.object_id}`)
      }
    })
    const after = await api(baseURL, 'shahe_v01_shuji', '/notifications/unread-count')
    assert.equal(after.body.unread, unread - 1)
  })
})

describe('Excel', () => {
  test('the ledger exports its filtered rows; an import shows the server row report', async () => {
    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'shahe_djb')
      await page.goto(`${baseURL}/task-assignments?scope=issued&overdue=true`)
      await page.locator('[data-test="assignment-table"] .el-table__row').first().waitFor()
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-test="export-task-assignments"]').click(),
      ])
      assert.match(download.suggestedFilename(), /\.xlsx$/)
      const saved = await download.path()
      assert.ok(saved, 'the file was saved')

      // the projects ledger exports with its filters too
      await page.goto(`${baseURL}/projects?status=in_progress`)
      await page.locator('[data-test="project-table"] .el-table__row').first().waitFor()
      const [projects] = await Promise.all([
        page.waitForRequest((r) => r.url().includes('/api/v1/exports/projects')),
        page.waitForEvent('download'),
        page.locator('[data-test="export-projects"]').click(),
      ])
      assert.equal(new URL(projects.url()).searchParams.get('status'), 'in_progress')

      // the template as downloaded refers to an org code that does not exist: rejected row by row
      await page.goto(`${baseURL}/problems`)
      await page.locator('[data-test="import-problems"]').click()
      const dialog = page.locator('[data-test="import-dialog-problems"]')
      const [template] = await Promise.all([
        page.waitForEvent('download'),
        dialog.locator('[data-test="import-template"]').click(),
      ])
      assert.match(template.suggestedFilename(), /模板.*\.xlsx$/)
      await dialog.locator('[data-test="import-file"]').setInputFiles(await template.path())
      await dialog.locator('[data-test="import-submit"]').click()
      await dialog.locator('[data-test="import-error"]').getByText('未导入任何数据').waitFor()
      const report = dialog.locator('[data-test="import-report"] .el-table__row')
      assert.equal(await report.count(), 1)
      assert.match(await report.first().innerText(), /2\s+组织编码\s+.*找不到组织编码/)
    })
  })
})
