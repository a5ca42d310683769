import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DESKTOP, PHONE, api, loginAs, openBrowser } from './harness.mjs'

const baseURL = process.env.E2E_BASE_URL
if (!baseURL) throw new Error('E2E_BASE_URL is not set: run through `npm run test:e2e`')

async function withBrowser(viewport, fn) {
  const browser = await openBrowser(viewport)
  try {
    await fn(browser.page)
  } finally {
    await browser.close()
  }
}

describe('home statistics', () => {
  test('the county organizer drills down from the county to a township and to a village', async () => {
    const ranking = await api(baseURL, 'organizer', '/stats/ranking?kind=problem&metric=done_rate')
    assert.equal(ranking.status, 200)
    const township = ranking.body.items.find((i) => i.org_name.includes('沙河街道'))
    assert.ok(township, 'the demo county ranks 沙河街道')
    await withBrowser(DESKTOP, async (page) => {
      await loginAs(page, baseURL, 'organizer')
      const card = page.locator('[data-test="home-stats"]')
      await card.locator('[data-test="stats-kinds"] [data-kind="problem"]').waitFor()
      const children = card.locator('[data-test="stats-children"]')
      await children.getByText(township.org_name).click()
      await card.locator('[data-test="stats-path"]').getByText(township.org_name).waitFor()
      await children.getByText('滨江社区党委').waitFor()
      // the problem figures shown are the township's own rollup
      const overview = await api(baseURL, 'organizer', `/stats/overview?org_id=${township.org_id}`)
      const problems = overview.body.kinds.find((k) => k.kind === 'problem')
      const tile = card.locator('[data-kind="problem"]')
      await tile.getByText(`${(problems.done_rate * 100).toFixed(1)}%`).waitFor()
      await children.getByText('滨江社区党委').click()
      await card.locator('[data-test="stats-path"]').getByText('滨江社区党委').waitFor()
      await card.getByRole('button', { name: '返回上级' }).click()
      await children.getByText('滨江社区党委').waitFor()
    })
  })

  test('a village secretary sees their own village, not the county', async () => {
    await withBrowser(PHONE, async (page) => {
      await loginAs(page, baseURL, 'shahe_v01_shuji')
      const path = page.locator('[data-test="home-stats"] [data-test="stats-path"]')
      await path.getByText('滨江社区党委').waitFor()
      assert.equal(await path.getByText('柴桑区').count(), 0)
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      )
      assert.ok(overflow <= 0, `no horizontal overflow (${overflow}px)`)
    })
  })
})
