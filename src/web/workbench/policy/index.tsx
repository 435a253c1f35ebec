/** The policy area's pages (stages 7–8): 政策配置 and 预算与台账. */
export { PoliciesPage } from './PoliciesPage';
export { BudgetPage } from './BudgetPage';
