/** The phone header keeps 渠道, 成员调整, 修改密码 and 退出 behind 更多; a test opens it as a person would. */
import type { Page } from 'playwright-core';

export async function chooseFromPhoneMenu(page: Page, name: string): Promise<void> {
  const item = page.locator('details.menu .menu-items').getByRole('button', { name, exact: true });
  if (!(await item.isVisible())) await page.locator('details.menu > summary').click();
  await item.click();
}
