export async function fulfilAnnualRequest(..._args: unknown[]): Promise<void> {}
