// Reads one Parquet file with hyparquet (a JavaScript Parquet reader, independent of .NET) and prints, as JSON,
// its key/value metadata, the physical and logical type of every column, and its rows. Used by
// tests/pester/SweepNodeReader.Tests.ps1 to check that ScalingPS shards read correctly outside .NET.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'

const file = await asyncBufferFromFile(process.argv[2])
const metadata = await parquetMetadataAsync(file)
const columns = metadata.schema.slice(1).map(c => ({
  name: c.name,
  type: c.type,
  logical: c.logical_type?.type ?? c.converted_type ?? null,
  required: c.repetition_type === 'REQUIRED',
}))
const rows = await parquetReadObjects({ file })
// JSON has no NaN, infinities or 64-bit integers: spell them so the test can compare exactly.
const cell = v => typeof v === 'bigint' ? { int64: v.toString() }
  : typeof v === 'number' && !Number.isFinite(v) ? { double: String(v) } : v
const out = {
  metadata: Object.fromEntries((metadata.key_value_metadata ?? []).map(kv => [kv.key, kv.value])),
  columns,
  rows: rows.map(r => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cell(v)]))),
}
process.stdout.write(JSON.stringify(out))
