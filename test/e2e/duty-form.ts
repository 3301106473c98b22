/** Fills the duty console's report form the way an officer would: by the visible labels. */
import type { Page } from 'playwright-core';

export interface ReportInput {
  title: string;
  occurredAt?: string;
  acuteCases?: number;
  deaths?: number;
}

export async function fillReport(page: Page, input: ReportInput): Promise<void> {
  await page.getByLabel('标题').fill(input.title);
  await page.getByLabel('发生时间').fill(input.occurredAt ?? '2026-11-23T08:10');
  await page.getByLabel(/^地址/).fill('信阳市浉河区工业园路1号');
  await page.getByLabel('乡镇/街道', { exact: true }).fill('五星街道');
  await page.getByLabel('单位名称').fill('信阳某化工有限公司');
  await page.getByLabel(/^行业/).selectOption('chemical');
  await page.getByLabel(/^所有制/).selectOption('private');
  await page.getByLabel('持照经营', { exact: true }).check();
  await page.getByLabel('可以确定', { exact: true }).check();
  await page.getByLabel(/^危害类别/).selectOption('acute_poisoning');
  await page.getByLabel('致害物').fill('硫化氢');
  await page.getByLabel('接触人数').fill('8');
  await page.getByLabel('急性病例').fill(String(input.acuteCases ?? 3));
  await page.getByLabel('重症病例').fill('1');
  await page.getByLabel('死亡').fill(String(input.deaths ?? 0));
  await page.getByLabel('事故经过').fill('清理污水池时三名工人吸入硫化氢出现中毒症状，已送医。');
  await page.getByLabel('已采取的措施').fill('已停止作业，疏散现场。');
  await page.getByLabel('报告人姓名').fill('王值班');
  await page.getByLabel('报告人电话').fill('0376-1234567');
}
