/** 【演练】: an exercise says so wherever it appears, in words, so no one takes it for a real accident. */
export function DrillMark({ drill, banner = false }: { drill?: boolean; banner?: boolean }) {
  if (!drill) return null;
  if (banner)
    return (
      <p class="drill-banner" role="note">
        【演练】本事故为演练，时限照常计算，不计入统计和考核
      </p>
    );
  return (
    <span class="drill-mark" title="演练，不计入统计和考核">
      【演练】
    </span>
  );
}
