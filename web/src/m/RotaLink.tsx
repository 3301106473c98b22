/** 值班表: a unit head keeps its unit's rota on the desk page; the link sits in the page body, below the inbox. */
export function RotaLink({ role }: { role: string }) {
  if (role !== 'unit_head') return null;
  return (
    <p class="rota-link">
      <a href="/admin/rota">值班表（本单位排班）</a>
    </p>
  );
}
