/**
 * Body fields of the typed generation routes as Scenario's public swagger lists them (its
 * request schemas, copied here so tests can hold the SDK's wire bodies to them), and the fields
 * each requires, as space-separated lists.
 */
const FIELDS: Record<string, [fields: string, required: string]> = {
  txt2img: [
    'aspectRatio baseModelId concepts guidance height hideResults intermediateImages modelEpoch modelId negativePrompt negativePromptStrength numInferenceSteps numSamples prompt scheduler seed width',
    'modelId prompt',
  ],
  'txt2img-ip-adapter': [
    'aspectRatio baseModelId concepts guidance height hideResults intermediateImages ipAdapterImage ipAdapterImageId ipAdapterImageIds ipAdapterImages ipAdapterScale ipAdapterScales ipAdapterType modelEpoch modelId negativePrompt negativePromptStrength numInferenceSteps numSamples prompt scheduler seed width',
    'modelId prompt',
  ],
  img2img: [
    'baseModelId concepts guidance height hideResults image imageHide imageId imageParentId intermediateImages modelEpoch modelId negativePrompt negativePromptStrength numInferenceSteps numSamples prompt scheduler seed strength width',
    'modelId prompt',
  ],
  'img2img-ip-adapter': [
    'baseModelId concepts guidance height hideResults image imageHide imageId imageParentId intermediateImages ipAdapterImage ipAdapterImageId ipAdapterImageIds ipAdapterImages ipAdapterScale ipAdapterScales ipAdapterType mask maskId modelEpoch modelId negativePrompt negativePromptStrength numInferenceSteps numSamples prompt scheduler seed strength width',
    'modelId prompt',
  ],
  controlnet: [
    'baseModelId concepts controlEnd controlImage controlImageId controlStart disableModalityDetection guidance height hideResults image imageHide imageId imageParentId intermediateImages modality modelEpoch modelId negativePrompt negativePromptStrength numInferenceSteps numSamples prompt scheduler seed width',
    'modality modelId prompt',
  ],
  'controlnet-img2img': [
    'baseModelId concepts controlEnd controlImage controlImageId controlStart disableModalityDetection guidance height hideResults image imageHide imageId imageParentId intermediateImages modality modelEpoch modelId negativePrompt negativePromptStrength numInferenceSteps numSamples prompt scheduler seed strength width',
    'modality modelId prompt',
  ],
  'controlnet-ip-adapter': [
    'baseModelId concepts controlEnd controlImage controlImageId controlStart disableModalityDetection guidance height hideResults image imageHide imageId imageParentId intermediateImages ipAdapterImage ipAdapterImageId ipAdapterImageIds ipAdapterImages ipAdapterScale ipAdapterScales ipAdapterType modality modelEpoch modelId negativePrompt negativePromptStrength numInferenceSteps numSamples prompt scheduler seed width',
    'modality modelId prompt',
  ],
  inpaint: [
    'baseModelId concepts disableMerging guidance height hideResults image imageHide imageId imageParentId intermediateImages mask maskId modelEpoch modelId negativePrompt negativePromptStrength numInferenceSteps numSamples prompt scheduler seed strength width',
    'modelId prompt',
  ],
  'inpaint-ip-adapter': [
    'baseModelId concepts disableMerging guidance height hideResults image imageHide imageId imageParentId intermediateImages ipAdapterImage ipAdapterImageId ipAdapterImageIds ipAdapterImages ipAdapterScale ipAdapterScales ipAdapterType mask maskId modelEpoch modelId negativePrompt negativePromptStrength numInferenceSteps numSamples prompt scheduler seed strength width',
    'modelId prompt',
  ],
  'controlnet-inpaint': [
    'baseModelId concepts controlEnd controlImage controlImageId controlStart disableMerging disableModalityDetection guidance height hideResults image imageHide imageId imageParentId intermediateImages mask maskId modality modelEpoch modelId negativePrompt negativePromptStrength numInferenceSteps numSamples prompt scheduler seed strength width',
    'modality modelId prompt',
  ],
  'controlnet-inpaint-ip-adapter': [
    'baseModelId concepts controlImage controlImageId disableMerging guidance height hideResults image imageHide imageId imageParentId intermediateImages ipAdapterImage ipAdapterImageId ipAdapterImageIds ipAdapterImages ipAdapterScale ipAdapterScales ipAdapterType mask maskId modelEpoch modelId negativePrompt negativePromptStrength numInferenceSteps numSamples prompt scheduler seed strength width',
    'modelId prompt',
  ],
};

/** Per route: the body fields the swagger lists, and those it requires. */
export const SWAGGER_GENERATE_FIELDS: Record<string, { fields: string[]; required: string[] }> = Object.fromEntries(
  Object.entries(FIELDS).map(([route, [fields, required]]) => [
    route,
    { fields: fields.split(' '), required: required.split(' ') },
  ]),
);
