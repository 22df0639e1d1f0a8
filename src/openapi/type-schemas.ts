import * as ts from 'typescript';
import type { SchemaObject } from './openapi-types';
import { exampleFor } from './examples';

/**
 * TypeScript types → OpenAPI 3.0 schemas, as JSON.stringify would send them: Date becomes a
 * date-time string, methods and `undefined` disappear, `T | null` is nullable. Non-generic
 * interfaces and classes become named components; everything else is inlined. Optional relations
 * to other entities (`case?: CaseFile`) are left out: they are never loaded into a response.
 */
export class TypeSchemas {
  private readonly named = new Map<string, { decl: ts.Declaration; schema?: SchemaObject }>();
  private readonly names = new Map<ts.Symbol, string>();

  constructor(private readonly checker: ts.TypeChecker) {}

  /** Names of the components that describe a class (rather than an interface). */
  classNames(): string[] {
    return [...this.named]
      .filter(([, e]) => ts.isClassDeclaration(e.decl))
      .map(([n]) => n)
      .sort();
  }

  components(): Record<string, SchemaObject> {
    const out: Record<string, SchemaObject> = {};
    for (const [name, entry] of [...this.named].sort(([a], [b]) => a.localeCompare(b))) {
      out[name] = entry.schema ?? {};
    }
    return out;
  }

  /** Schema of the union of `parts` (already split by the caller). */
  schemaOfParts(parts: ts.Type[], propName?: string): SchemaObject {
    const nullable = parts.some((t) => t.flags & ts.TypeFlags.Null);
    const rest = parts.filter(
      (t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)),
    );
    let schema: SchemaObject;
    const literals = rest.filter((t) => t.isStringLiteral() || t.isNumberLiteral());
    const booleans = rest.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    if (rest.length === 0) {
      schema = {};
    } else if (literals.length === rest.length) {
      // Sorted: the checker orders a union's members by when it met them, which any unrelated
      // change elsewhere can shift, and the committed document must not drift on that.
      const values = [...new Set(literals.map((t) => (t as ts.LiteralType).value as string | number))].sort(
        (a, b) =>
          typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
      );
      schema = { type: typeof values[0] === 'number' ? 'number' : 'string', enum: values };
    } else if (booleans.length === rest.length) {
      schema = { type: 'boolean' };
    } else if (rest.length === 1) {
      schema = this.schemaOf(rest[0], propName);
    } else {
      const variants = uniqueSchemas(rest.map((t) => this.schemaOf(t, propName))).sort((a, b) =>
        byCodeUnits(JSON.stringify(a), JSON.stringify(b)),
      );
      schema = variants.length === 1 ? variants[0] : { oneOf: variants };
    }
    if (nullable) schema = schema.$ref ? { allOf: [schema], nullable: true } : { ...schema, nullable: true };
    return schema;
  }

  private schemaOf(type: ts.Type, propName?: string): SchemaObject {
    const c = this.checker;
    if (type.isUnion()) return this.schemaOfParts(type.types, propName);
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.StringLike) {
      return type.isStringLiteral()
        ? { type: 'string', enum: [type.value] }
        : withExample({ type: 'string' }, propName);
    }
    if (f & ts.TypeFlags.NumberLike) {
      return withExample({ type: propName && INTEGER_NAMES.test(propName) ? 'integer' : 'number' }, propName);
    }
    if (f & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
    if (f & ts.TypeFlags.BigIntLike) return { type: 'string' };
    const symbol = type.getSymbol();
    if (symbol?.name === 'Date') return withExample({ type: 'string', format: 'date-time' }, propName);
    if (c.isArrayType(type) || c.isTupleType(type)) {
      const args = c.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: args.length ? this.schemaOfParts([...args], singular(propName)) : {} };
    }
    if (type.isIntersection()) return this.inlineObject(type, propName);
    if (f & ts.TypeFlags.Object) return this.objectSchema(type as ts.ObjectType, propName);
    return {};
  }

  private objectSchema(type: ts.ObjectType, propName?: string): SchemaObject {
    const symbol = type.aliasSymbol ?? type.getSymbol();
    const decl = symbol?.declarations?.[0];
    const generic =
      !!type.aliasTypeArguments?.length ||
      ((type.objectFlags & ts.ObjectFlags.Reference) !== 0 &&
        this.checker.getTypeArguments(type as ts.TypeReference).length > 0);
    const nameable =
      symbol && decl && !generic && (ts.isInterfaceDeclaration(decl) || ts.isClassDeclaration(decl));
    if (!nameable) return this.inlineObject(type, propName);
    const name = this.nameFor(symbol, decl);
    const entry = this.named.get(name)!;
    if (!entry.schema) {
      entry.schema = {}; // placeholder: breaks cycles
      entry.schema = this.inlineObject(type, propName);
    }
    return { $ref: `#/components/schemas/${name}` };
  }

  private nameFor(symbol: ts.Symbol, decl: ts.Declaration): string {
    const known = this.names.get(symbol);
    if (known) return known;
    let name = symbol.name;
    for (let i = 2; this.named.has(name) && this.named.get(name)!.decl !== decl; i++)
      name = `${symbol.name}${i}`;
    this.names.set(symbol, name);
    if (!this.named.has(name)) this.named.set(name, { decl });
    return name;
  }

  private inlineObject(type: ts.Type, _propName?: string): SchemaObject {
    const c = this.checker;
    const properties: Record<string, SchemaObject> = {};
    const required: string[] = [];
    for (const prop of c.getPropertiesOfType(type)) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      const propType = decl ? c.getTypeOfSymbolAtLocation(prop, decl) : c.getTypeOfSymbol(prop);
      if (propType.getCallSignatures().length) continue; // methods are not serialized
      const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
      if (optional && this.isEntityRelation(propType)) continue;
      const parts = propType.isUnion() ? propType.types : [propType];
      if (parts.every((t) => t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void))) continue;
      properties[prop.name] = this.schemaOfParts([...parts], prop.name);
      if (!optional && !parts.some((t) => t.flags & ts.TypeFlags.Undefined)) required.push(prop.name);
    }
    const schema: SchemaObject = { type: 'object' };
    if (Object.keys(properties).length) schema.properties = properties;
    if (required.length) schema.required = required;
    const index = c.getIndexInfosOfType(type);
    if (index.length) schema.additionalProperties = this.schemaOf(index[0].type);
    return schema;
  }

  /** A TypeORM entity class (decorated with @Entity) or an array of them. */
  private isEntityRelation(type: ts.Type): boolean {
    const parts = type.isUnion() ? type.types : [type];
    return parts.some((t) => {
      const inner = this.checker.isArrayType(t) ? this.checker.getTypeArguments(t as ts.TypeReference)[0] : t;
      const decl = inner?.getSymbol()?.declarations?.[0];
      return (
        !!decl &&
        ts.isClassDeclaration(decl) &&
        (ts.getDecorators(decl) ?? []).some((d) => /^Entity\b/.test(d.expression.getText()))
      );
    });
  }
}

/** Numbers that are counts or versions by name (TypeScript has one number type). */
const INTEGER_NAMES = /^(version|count|total|limit|unread|marked|attemptsMade|rowCount|status)$|Count$/;

function withExample(schema: SchemaObject, propName?: string): SchemaObject {
  const example = exampleFor(propName, schema);
  if (example === undefined) return schema;
  if (schema.type === 'string' && /^[0-9a-f-]{36}$/.test(String(example)) && !schema.format) {
    return { ...schema, format: 'uuid', example };
  }
  return { ...schema, example };
}

function singular(name?: string): string | undefined {
  if (!name) return name;
  if (/Ids$/.test(name)) return name.slice(0, -1);
  return name;
}

function uniqueSchemas(list: SchemaObject[]): SchemaObject[] {
  const seen = new Map<string, SchemaObject>();
  for (const s of list) seen.set(JSON.stringify(s), s);
  return [...seen.values()];
}

/** Ordering that is the same on every machine (localeCompare follows the process's locale). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
