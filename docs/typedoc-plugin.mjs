// @ts-check
// TypeDoc plugin, two jobs.
//
// 1. Keep the names users wrote. Types inferred from zod schemas (`Asset`, `Job`, …)
// are aliases TypeScript forgets once resolved, so TypeDoc would print `Promise<Asset>` as a
// 30-field object literal. Where a signature or property has a written type annotation and
// TypeDoc expanded it into an object literal, convert the annotation instead, which links to
// the named type.
//
// 2. Give inherited methods their class's own examples. The generation resources inherit
// `create` / `run` / `estimate` from one base class, whose examples would show on every
// resource's page. An `@example create` (titled with a method's name) in a class comment
// replaces the examples of that method on that class's page, and leaves the class comment.

import { Converter, ReferenceType, ReflectionKind, ReflectionType, UnionType } from 'typedoc';
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

/** Whether `node` is `typeof x` of a module-private `x` (a response schema's shape), which the docs cannot link to. */
function isPrivateQuery(context, node) {
  if (!ts.isTypeQueryNode(node)) return false;
  const declaration = context.checker.getSymbolAtLocation(node.exprName)?.valueDeclaration;
  return (
    !!declaration &&
    ts.isVariableDeclaration(declaration) &&
    !(ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Export)
  );
}

/**
 * Moves each class's method-titled `@example` tags onto that method's signatures, in place of
 * the examples they inherited.
 *
 * @param {import('typedoc').ProjectReflection} project
 */
function useOwnMethodExamples(project) {
  for (const owner of project.getReflectionsByKind(ReflectionKind.Class)) {
    const comment = owner.comment;
    if (!comment) continue;
    const methods = (owner.children ?? []).filter((child) => child.kindOf(ReflectionKind.Method));
    const names = new Set(methods.map((method) => method.name));
    const titled = comment.blockTags.filter((tag) => tag.tag === '@example' && tag.name && names.has(tag.name));
    if (titled.length === 0) continue;
    comment.blockTags = comment.blockTags.filter((tag) => !titled.includes(tag));
    for (const method of methods) {
      const own = titled.filter((tag) => tag.name === method.name);
      if (own.length === 0) continue;
      for (const signature of method.signatures ?? []) {
        // Inherited signatures may share their comment with the base class: change a copy.
        const copy = signature.comment?.clone();
        if (!copy) continue;
        copy.blockTags = [
          ...copy.blockTags.filter((tag) => tag.tag !== '@example'),
          ...own.map((tag) => {
            const example = tag.clone();
            example.name = undefined;
            return example;
          }),
        ];
        signature.comment = copy;
      }
    }
  }
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => useOwnMethodExamples(context.project));

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

  // Response schemas are written `ObjectSchema<typeof assetShape, Asset>` with a private shape:
  // show the shape's fields in place of a link to nothing.
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Variable) || !(reflection.type instanceof ReferenceType)) return;
    const declaration = context.getSymbolFromReflection(reflection)?.declarations?.[0];
    const node = declaration && ts.isVariableDeclaration(declaration) ? declaration.type : undefined;
    if (!node || !ts.isTypeReferenceNode(node) || !node.typeArguments?.some((arg) => isPrivateQuery(context, arg)))
      return;
    const scope = context.withScope(reflection);
    reflection.type.typeArguments = node.typeArguments.map((arg) =>
      isPrivateQuery(context, arg)
        ? context.converter.convertType(scope, context.checker.getTypeAtLocation(arg))
        : context.converter.convertType(scope, arg),
    );
  });
}
