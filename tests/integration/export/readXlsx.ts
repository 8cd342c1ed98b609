import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

/** Opens an .xlsx with exceljs (whose typings want its own Buffer type, hence the cast). */
export async function readXlsx(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
  return wb;
}
