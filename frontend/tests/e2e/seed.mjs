// Data for the screenshots (the demo has no problems): a few 问题单 issued by the 沙河街道 organizer to
// 滨江社区 and taken through the workflow by its secretary, with a real photo as evidence.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PASSWORD } from './harness.mjs'

const PHOTO = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/evidence.png')

/** One login, then JSON calls and uploads as that user. */
export async function session(baseURL, username) {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`)
  const { access_token: token } = await login.json()
  const auth = { Authorization: `Bearer ${token}` }

  async function call(method, pathAndQuery, body) {
    const res = await fetch(`${baseURL}/api/v1${pathAndQuery}`, {
      method,
      headers: { ...auth, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${pathAndQuery}: ${res.status} ${text}`)
    return text ? JSON.parse(text) : null
  }

  async function uploadPhoto(name = '现场照片.png') {
    const form = new FormData()
    form.append('file', new Blob([readFileSync(PHOTO)], { type: 'image/png' }), name)
    const res = await fetch(`${baseURL}/api/v1/attachments`, {
      method: 'POST',
      headers: auth,
      body: form,
    })
    if (!res.ok) throw new Error(`upload: ${res.status} ${await res.text()}`)
    return (await res.json()).id
  }

  return { call, uploadPhoto, user: (await call('GET', '/auth/me')).user }
}

export async function seedProblems(baseURL) {
  const organizer = await session(baseURL, 'shahe_djb')
  const secretary = await session(baseURL, 'shahe_v01_shuji')
  const village = secretary.user.org_id
  const issue = (description, extra = {}) =>
    organizer.call('POST', '/problems', {
      org_id: village,
      source: 'inspection',
      description,
      category: 'deadline',
      severity: 'general',
      ...extra,
    })
  const rectify = (p, extra = {}) =>
    secretary.call('POST', `/problems/${p.id}/rectify`, {
      measures: '逐条对照问题清单整改，建立月度检查台账，支部书记每月检查一次。',
      responsible_user_id: secretary.user.id,
      deadline: '2026-12-31',
      ...extra,
    })
  const submit = async (p, content) =>
    secretary.call('POST', `/problems/${p.id}/submit`, {
      content,
      attachment_ids: [await secretary.uploadPhoto()],
    })

  const closed = await issue('党员活动室“三会一课”制度未上墙\n督查发现活动室缺少制度牌。', {
    category: 'immediate',
  })
  await rectify(closed, { measures: '制作制度牌并上墙。', deadline: '2026-11-30' })
  await submit(closed, '制度牌已上墙，附现场照片。')
  await organizer.call('POST', `/problems/${closed.id}/close`, { note: '经核查，已整改到位。' })

  const longTerm = await issue(
    '村级集体经济薄弱，党组织带富能力不强\n2025 年村集体经营性收入不足 10 万元。',
    { category: 'long_term', severity: 'serious' },
  )
  const rectifying = await rectify(longTerm, {
    measures: '成立村党组织领办的合作社，盘活闲置厂房出租；引进特色种植项目。',
    deadline: '2027-06-30',
    milestones: [
      { title: '摸底排查集体资产，形成盘活方案', due_on: '2026-11-30' },
      { title: '合作社注册成立，厂房出租签约', due_on: '2027-01-31' },
      { title: '集体经营性收入达到 10 万元', due_on: '2027-06-30' },
    ],
  })
  await secretary.call(
    'POST',
    `/problems/${longTerm.id}/milestones/${rectifying.milestones[0].id}/complete`,
  )
  await secretary.call('POST', `/problems/${longTerm.id}/monthly-reports`, {
    content: '已完成集体资产清查，盘活方案经村民代表大会通过。',
    progress: 30,
    attachment_ids: [await secretary.uploadPhoto('村民代表大会.png')],
  })

  const submitted = await issue(
    '“三会一课”记录不规范，党员大会未按期召开\n第三季度支部委员会会议记录缺失两次。',
  )
  await rectify(submitted)
  await submit(submitted, '已补开党员大会，会议记录按规范补齐，附会议照片。')

  await issue('党员积分管理未落实，积分公示不及时', {
    category: 'immediate',
    severity: 'serious',
    deadline: '2026-10-31',
  })
  await issue('软弱涣散村党组织整顿：班子成员分工不明确', { severity: 'critical' })

  return { closed, longTerm, submitted }
}
