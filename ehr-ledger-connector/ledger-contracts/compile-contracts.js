// Compiles every Solidity source in a directory with the pinned solc-js, offline, for an explicit EVM version,
// and writes <Contract>.abi and <Contract>.bin for each deployable contract (the inputs of web3j codegen).
//
// usage: node compile-contracts.js <source dir> <output dir> <evm version>
'use strict';

const fs = require('fs');
const path = require('path');
const solc = require('solc');

function main(argv) {
  if (argv.length !== 3) {
    throw new Error('usage: node compile-contracts.js <source dir> <output dir> <evm version>');
  }
  const [sourceDir, outputDir, evmVersion] = argv;
  const sources = {};
  for (const file of fs.readdirSync(sourceDir).filter((name) => name.endsWith('.sol')).sort()) {
    sources[file] = { content: fs.readFileSync(path.join(sourceDir, file), 'utf8') };
  }
  if (Object.keys(sources).length === 0) {
    throw new Error('no .sol files in ' + sourceDir);
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      evmVersion,
      optimizer: { enabled: true, runs: 200 },
      metadata: { bytecodeHash: 'none' },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const problems = output.errors || [];
  problems.forEach((problem) => console.error(problem.formattedMessage || problem.message));
  if (problems.some((problem) => problem.severity === 'error')) {
    throw new Error('solc ' + solc.version() + ' reported errors');
  }
  fs.mkdirSync(outputDir, { recursive: true });
  let written = 0;
  for (const [file, contracts] of Object.entries(output.contracts)) {
    for (const [name, contract] of Object.entries(contracts)) {
      if (!contract.evm.bytecode.object) {
        continue; // abstract contracts and interfaces are not deployed
      }
      fs.writeFileSync(path.join(outputDir, name + '.abi'), JSON.stringify(contract.abi));
      fs.writeFileSync(path.join(outputDir, name + '.bin'), contract.evm.bytecode.object);
      console.log('compiled ' + file + ':' + name + ' (' + contract.evm.bytecode.object.length / 2
        + ' bytes, evm ' + evmVersion + ', solc ' + solc.version() + ')');
      written++;
    }
  }
  if (written === 0) {
    throw new Error('no deployable contract in ' + sourceDir);
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
