export * from './expr';
export { printExpr, printFormula, numberLiteral, stringLiteral } from './print';
