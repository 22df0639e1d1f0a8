import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Last case number handed out per country and year. Allocation is one
 * `INSERT ... ON CONFLICT DO UPDATE ... RETURNING`, so concurrent registrations serialize on this
 * row only and never get the same number.
 */
@Entity('case_number_counter')
export class CaseNumberCounter {
  @PrimaryColumn({ type: 'char', length: 2 })
  countryCode: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  lastValue: number;
}
