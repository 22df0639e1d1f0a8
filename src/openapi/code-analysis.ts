import * as path from 'node:path';
import * as ts from 'typescript';
import type { SchemaObject } from './openapi-types';
import { TypeSchemas } from './type-schemas';

/** What the source code says about one controller method, keyed like Nest's operationId. */
export interface OperationFacts {
  /** `CasesController_get`: Nest's default operationId. */
  operationId: string;
  /** JSON schema of the awaited return type; undefined when it returns nothing (void). */
  json?: SchemaObject;
  /** The method returns text (CSV, Prometheus metrics) in these media types. */
  text?: string[];
  /** Error codes (`CaseErrors.CASE_NOT_FOUND`) thrown by the method or anything it calls in src/. */
  errorCodes: string[];
}

export interface CodeFacts {
  operations: Map<string, OperationFacts>;
  /** Named schemas (interfaces, classes) referenced from the operations' schemas. */
  schemas: Record<string, SchemaObject>;
  /** Which of them describe a class (a DTO class of the same name is then the same class). */
  classes: string[];
}

const HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);

/**
 * Reads the controllers' TypeScript with the type checker: the success type each handler returns
 * (services mostly return interfaces and entities that no decorator describes) and the error codes
 * it can throw, following calls into src/ (an over-approximation: "can return", never "will").
 * Only the openapi scripts and the completeness test run this; the server serves the result.
 */
export function analyseControllers(root: string, knownCodes: ReadonlySet<string>): CodeFacts {
  const configPath = path.join(root, 'tsconfig.build.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram(
    config.fileNames.filter((f) => f.includes(`${path.sep}src${path.sep}`)),
    { ...config.options, incremental: false, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const srcDir = path.join(root, 'src');
  const types = new TypeSchemas(checker);
  const operations = new Map<string, OperationFacts>();
  const files = program
    .getSourceFiles()
    .filter((sf) => sf.fileName.startsWith(srcDir) && sf.fileName.endsWith('.controller.ts'))
    .sort((a, b) => a.fileName.localeCompare(b.fileName));
  for (const sf of files) {
    for (const cls of sf.statements.filter(ts.isClassDeclaration)) {
      if (!cls.name) continue;
      for (const m of cls.members) {
        if (!ts.isMethodDeclaration(m) || !decoratorNames(m).some((d) => HTTP_DECORATORS.has(d))) continue;
        const operationId = `${cls.name.text}_${m.name.getText(sf)}`;
        const sig = checker.getSignatureFromDeclaration(m);
        if (!sig) continue;
        const ret = checker.getAwaitedType(checker.getReturnTypeOfSignature(sig)) ?? checker.getAnyType();
        const facts: OperationFacts = {
          operationId,
          errorCodes: errorCodesOf(m, checker, srcDir, knownCodes),
        };
        const textTypes = textMediaTypes(m);
        const parts = ret.isUnion() ? ret.types : [ret];
        const isText = (t: ts.Type) => !!(t.flags & ts.TypeFlags.StringLike);
        const isVoid = (t: ts.Type) => !!(t.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined));
        if (parts.some(isText)) facts.text = textTypes.length ? textTypes : ['text/plain'];
        const rest = parts.filter((t) => !isText(t) && !isVoid(t));
        if (rest.length) facts.json = types.schemaOfParts(rest);
        operations.set(operationId, facts);
      }
    }
  }
  return { operations, schemas: types.components(), classes: types.classNames() };
}

function decoratorNames(node: ts.HasDecorators): string[] {
  return (ts.getDecorators(node) ?? []).map((d) =>
    ts.isCallExpression(d.expression) ? d.expression.expression.getText() : d.expression.getText(),
  );
}

/** Media types from `@ApiProduces(...)` or `@Header('content-type', ...)`, JSON excluded. */
function textMediaTypes(m: ts.MethodDeclaration): string[] {
  const out: string[] = [];
  for (const d of ts.getDecorators(m) ?? []) {
    if (!ts.isCallExpression(d.expression)) continue;
    const name = d.expression.expression.getText();
    const args = d.expression.arguments.filter(ts.isStringLiteral).map((a) => a.text);
    if (name === 'ApiProduces') out.push(...args.filter((a) => a !== 'application/json'));
    if (name === 'Header' && args[0]?.toLowerCase() === 'content-type') out.push(args[1].split(';')[0]);
  }
  return out;
}

/**
 * Codes named as `SomethingErrors.CODE` in the method and in every function or method of src/ it
 * calls, transitively. Calls through interfaces or callbacks are followed only where the checker
 * can resolve them to a declaration.
 */
function errorCodesOf(
  start: ts.Node,
  checker: ts.TypeChecker,
  srcDir: string,
  known: ReadonlySet<string>,
): string[] {
  const codes = new Set<string>();
  const seen = new Set<ts.Node>();
  const queue: ts.Node[] = [start];
  while (queue.length) {
    const node = queue.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const visit = (n: ts.Node): void => {
      if (
        ts.isPropertyAccessExpression(n) &&
        /Errors$/.test(n.expression.getText()) &&
        known.has(n.name.text)
      ) {
        codes.add(n.name.text);
      }
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
        const target = n.expression;
        let sym = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(target) ? target.name : target);
        if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
        for (const decl of sym?.declarations ?? []) {
          if (!decl.getSourceFile().fileName.startsWith(srcDir)) continue;
          if (ts.isClassDeclaration(decl)) {
            decl.members.filter(ts.isConstructorDeclaration).forEach((c) => queue.push(c));
          } else if (hasBody(decl)) {
            queue.push(decl);
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(node, visit);
  }
  return [...codes].sort();
}

/** A function, method or accessor with a body, or a variable initialised with a function. */
function hasBody(decl: ts.Node): boolean {
  if (ts.isVariableDeclaration(decl)) {
    const init = decl.initializer;
    return !!init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init));
  }
  const fn =
    ts.isMethodDeclaration(decl) ||
    ts.isFunctionDeclaration(decl) ||
    ts.isArrowFunction(decl) ||
    ts.isFunctionExpression(decl) ||
    ts.isGetAccessorDeclaration(decl);
  return fn && !!(decl as ts.FunctionLikeDeclaration).body;
}
