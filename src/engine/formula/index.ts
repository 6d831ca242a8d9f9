export * from './expr';
export { printExpr, printFormula } from './print';
