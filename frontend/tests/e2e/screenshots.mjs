// Screenshots of the main screens at desktop and phone sizes, for review (npm run screenshots).
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { DESKTOP, PHONE, loginAs, openBrowser } from './harness.mjs'
import { seedProblems } from './seed.mjs'
import { domainData, domainShots } from './screenshotsDomains.mjs'

const SIZES = { desktop: DESKTOP, phone: PHONE }

async function settle(page) {
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(400) // transitions, chart animation
}

export async function takeScreenshots(baseURL, outDir) {
  mkdirSync(outDir, { recursive: true })
  const problems = await seedProblems(baseURL)
  const data = await domainData(baseURL)
  for (const [name, viewport] of Object.entries(SIZES)) {
    const { page, close } = await openBrowser(viewport)
    try {
      const shot = async (screen) => {
        await settle(page)
        const file = path.join(outDir, `${name}-${screen}.png`)
        await page.screenshot({ path: file })
        console.log(`wrote ${path.relative(process.cwd(), file)}`)
      }
      await page.goto(`${baseURL}/login`)
      await page.locator('[data-test="login-submit"]').waitFor()
      await shot('login')

      await loginAs(page, baseURL, 'shahe_djb')
      await page.goto(`${baseURL}/`)
      await page.locator('[data-test="assignments"]').waitFor()
      await shot('home')

      await page.goto(`${baseURL}/orgs`)
      await page.locator('[data-test="org-children"]').waitFor()
      await shot('orgs')

      await page.goto(`${baseURL}/users`)
      await page
        .locator(
          name === 'phone'
            ? '[data-test="user-cards"] .user-card'
            : '[data-test="user-table"] .el-table__row',
        )
        .first()
        .waitFor()
      await shot('users')

      // 问题整改台账 as the township organizer; the detail of a problem waiting for close-off
      await page.goto(`${baseURL}/problems`)
      await page
        .locator(
          name === 'phone'
            ? '[data-test="problem-cards"] [data-test="problem-card"]'
            : '[data-test="problem-table"] .el-table__row',
        )
        .first()
        .waitFor()
      await shot('problems')

      if (name === 'desktop') {
        await page.setViewportSize({ width: DESKTOP.width, height: 1100 }) // the whole page, timeline included
        await page.goto(`${baseURL}/problems/${problems.submitted.id}`)
        await page.locator('[data-test="attachment-image"] img').first().waitFor()
        await shot('problem')
        await page.setViewportSize(DESKTOP)
      } else {
        // in the field: the village secretary on a long-term problem with milestones
        await page.evaluate(() => localStorage.clear()) // log in as someone else
        await loginAs(page, baseURL, 'shahe_v01_shuji')
        await page.goto(`${baseURL}/problems/${problems.longTerm.id}`)
        await page.locator('[data-test="problem-actions"]').waitFor()
        await shot('problem')
        await page.locator('[data-test="problem-timeline"]').scrollIntoViewIfNeeded()
        await page.locator('[data-test="attachment-image"] img').first().waitFor()
        await shot('problem-timeline')
      }

      await domainShots(page, baseURL, name, shot, data)
    } finally {
      await close()
    }
  }
}
