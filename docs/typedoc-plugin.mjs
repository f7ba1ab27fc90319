// @ts-check
// TypeDoc plugin: keep the names users wrote. Types inferred from zod schemas (`Asset`, `Job`, …)
// are aliases TypeScript forgets once resolved, so TypeDoc would print `Promise<Asset>` as a
// 30-field object literal. Where a signature or property has a written type annotation and
// TypeDoc expanded it into an object literal, convert the annotation instead, which links to
// the named type.

import { Converter, ReflectionKind, ReflectionType, UnionType } from 'typedoc';
import ts from 'typescript';

/** Whether `type` contains an inline object literal anywhere. */
function expanded(type) {
  if (!type) return false;
  if (type instanceof ReflectionType) return true;
  const children = [type.elementType, ...(type.typeArguments ?? []), ...(type.types ?? []), type.target];
  return children.some((child) => child && typeof child === 'object' && 'type' in child && expanded(child));
}

/** Written type annotations that are worth keeping: named references, arrays and unions of them. */
function isNamedTypeNode(node) {
  return !!node && !ts.isTypeLiteralNode(node) && !ts.isFunctionTypeNode(node) && !ts.isTypePredicateNode(node);
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_SIGNATURE, (context, signature, declaration) => {
    const node = declaration?.type;
    if (!isNamedTypeNode(node) || !expanded(signature.type)) return;
    signature.type = context.converter.convertType(context.withScope(signature), node);
  });

  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Property) || !expanded(reflection.type)) return;
    const declaration = context.getSymbolFromReflection(reflection)?.declarations?.[0];
    if (!declaration || !(ts.isPropertyDeclaration(declaration) || ts.isPropertySignature(declaration))) return;
    if (!isNamedTypeNode(declaration.type)) return;
    let type = context.converter.convertType(context.withScope(reflection), declaration.type);
    if (reflection.flags.isOptional && type instanceof UnionType) {
      const kept = type.types.filter((member) => !(member.type === 'intrinsic' && member.name === 'undefined'));
      type = kept.length === 1 ? kept[0] : new UnionType(kept);
    }
    reflection.type = type;
  });
}
