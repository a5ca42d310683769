// 工作统计 on the home page: the subtree's rollups per kind and a ranking of the direct children, with drill-down
// (county → township → village). Kind labels come from the server (`KindStats.label`).

export const zh = {
  stats: {
    card: '下辖工作统计',
    back: '返回上级',
    orgs: '组织数',
    users: '用户数',
    total: '总数',
    open: '未完成',
    doneRate: '完成率',
    overdue: '超期',
    metric: '排名指标',
    metrics: { done_rate: '完成率', overdue: '超期数', total: '总数', open: '未完成数' },
    children: '直属下级排名',
    noChildren: '没有下级组织',
    noData: '暂无数据',
    drillHint: '点击柱条或名称查看该组织的下级',
    rank: '第{n}名',
  },
}

export const en: typeof zh = {
  stats: {
    card: 'Subtree statistics',
    back: 'Up one level',
    orgs: 'Orgs',
    users: 'Users',
    total: 'Total',
    open: 'Open',
    doneRate: 'Done',
    overdue: 'Overdue',
    metric: 'Rank by',
    metrics: { done_rate: 'Completion rate', overdue: 'Overdue', total: 'Total', open: 'Open' },
    children: 'Direct children ranked',
    noChildren: 'No child organizations',
    noData: 'No data',
    drillHint: 'Click a bar or a name to look inside that org',
    rank: 'No. {n}',
  },
}
