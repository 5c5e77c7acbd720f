package io.seed.bundler.core.sessionkey.smartsessions;

import io.seed.bundler.core.sessionkey.GrantChange;
import io.seed.bundler.core.sessionkey.GrantChangeReader;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Erc7579Execution;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the Smart Sessions changes an account's ERC-7579 {@code execute} makes by calling a
 * SmartSession module: {@code removeSession(permissionId)} disables that session; any other call
 * to the module (enabling sessions, changing or disabling policies and actions, revoking enable
 * signatures) may change any of the account's sessions, so their grants are forgotten. Calls the
 * account makes to itself and delegatecalls are left to the account's own reader.
 */
public final class SmartSessionAccountChanges implements GrantChangeReader {
  /** {@code removeSession(bytes32)}. */
  static final Bytes REMOVE_SESSION = Bytes.fromHex("0xf867b08e");

  private final Set<Address> modules;

  /** A reader of calls to the SmartSession modules {@code contracts} names. */
  public SmartSessionAccountChanges(SmartSessionContracts contracts) {
    this.modules = contracts.modules();
  }

  @Override
  public List<GrantChange> changes(PackedUserOperation op, EntryPoint entryPoint, long chainId) {
    if (!Erc7579Execution.isExecute(op.callData())) {
      return List.of();
    }
    List<GrantChange> changes = new ArrayList<>();
    try {
      for (Call call : Erc7579Execution.decode(op.callData()).calls()) {
        if (call.type() == CallType.CALL && modules.contains(call.target())) {
          changes.add(change(op, entryPoint, chainId, call));
        }
      }
    } catch (SessionKeyDecodingException notModelled) {
      return List.of(new GrantChange.AccountReconfigured(op.sender()));
    }
    return changes;
  }

  private static GrantChange change(PackedUserOperation op, EntryPoint entryPoint, long chainId,
      Call call) {
    Bytes data = call.data();
    if (data.length() >= 4 + 32 && data.slice(0, 4).equals(REMOVE_SESSION)) {
      return new GrantChange.Uninstalled(new GrantKey(chainId, entryPoint.address(), op.sender(),
          call.target(), data.slice(4, 36)));
    }
    return new GrantChange.AccountReconfigured(op.sender());
  }
}
