/**
 * Builds a `FieldTemplate` from a format's pieces (literal text and fields in order), as the nginx and
 * Apache compilers emit them. Adjacent fields with no literal between them cannot be told apart and are
 * rejected as a configuration error.
 */
import { RampartError } from '../../errors.js';
import type { FieldTemplate, TemplateField } from './field-template.js';

export class TemplateBuilder {
  private prefix = '';
  private readonly fields: TemplateField[] = [];
  private readonly terms: string[] = [];

  literal(text: string): void {
    if (text === '') return;
    if (this.fields.length === 0) this.prefix += text;
    else this.terms[this.terms.length - 1] += text;
  }

  field(f: TemplateField): void {
    const n = this.fields.length;
    if (n > 0 && this.terms[n - 1] === '') {
      throw new RampartError(
        'INVALID_CONFIG',
        `log format: ${this.fields[n - 1]!.source} and ${f.source} are not separated by any text, so they cannot be split`,
      );
    }
    this.fields.push(f);
    this.terms.push('');
  }

  build(what: string): FieldTemplate {
    if (this.fields.length === 0) throw new RampartError('INVALID_CONFIG', `${what}: the format has no fields`);
    return { prefix: this.prefix, fields: [...this.fields], terms: [...this.terms] };
  }
}
