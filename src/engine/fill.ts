import type { FillPlan } from './fill-plan';
import type { ReturnReport } from './report';
import type { Template } from './template/schema';
import type { WorkbookView } from './workbook';

export function planFill(view: WorkbookView, template: Template, report: ReturnReport): FillPlan {
  void view;
  void template;
  void report;
  throw new Error('planFill: not implemented yet');
}
