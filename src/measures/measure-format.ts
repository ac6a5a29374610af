/** A number with its unit as people write it: "68%", "11.98%", "21 days", "1,204". */
export function formatNumber(value: number, unit: string | null): string {
  const number = value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}
