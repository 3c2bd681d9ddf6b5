// The API and the pages derive created ids one way (libs/commands).
export { newId } from '@actionplans/commands';
