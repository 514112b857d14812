import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Actions as _apipb_Actions, Actions__Output as _apipb_Actions__Output } from './apipb/Actions';
import type {
  AddBmpRequest as _apipb_AddBmpRequest,
  AddBmpRequest__Output as _apipb_AddBmpRequest__Output,
} from './apipb/AddBmpRequest';
import type {
  AddDefinedSetRequest as _apipb_AddDefinedSetRequest,
  AddDefinedSetRequest__Output as _apipb_AddDefinedSetRequest__Output,
} from './apipb/AddDefinedSetRequest';
import type {
  AddDynamicNeighborRequest as _apipb_AddDynamicNeighborRequest,
  AddDynamicNeighborRequest__Output as _apipb_AddDynamicNeighborRequest__Output,
} from './apipb/AddDynamicNeighborRequest';
import type {
  AddPathRequest as _apipb_AddPathRequest,
  AddPathRequest__Output as _apipb_AddPathRequest__Output,
} from './apipb/AddPathRequest';
import type {
  AddPathResponse as _apipb_AddPathResponse,
  AddPathResponse__Output as _apipb_AddPathResponse__Output,
} from './apipb/AddPathResponse';
import type {
  AddPathStreamRequest as _apipb_AddPathStreamRequest,
  AddPathStreamRequest__Output as _apipb_AddPathStreamRequest__Output,
} from './apipb/AddPathStreamRequest';
import type {
  AddPaths as _apipb_AddPaths,
  AddPaths__Output as _apipb_AddPaths__Output,
} from './apipb/AddPaths';
import type {
  AddPathsConfig as _apipb_AddPathsConfig,
  AddPathsConfig__Output as _apipb_AddPathsConfig__Output,
} from './apipb/AddPathsConfig';
import type {
  AddPathsState as _apipb_AddPathsState,
  AddPathsState__Output as _apipb_AddPathsState__Output,
} from './apipb/AddPathsState';
import type {
  AddPeerGroupRequest as _apipb_AddPeerGroupRequest,
  AddPeerGroupRequest__Output as _apipb_AddPeerGroupRequest__Output,
} from './apipb/AddPeerGroupRequest';
import type {
  AddPeerRequest as _apipb_AddPeerRequest,
  AddPeerRequest__Output as _apipb_AddPeerRequest__Output,
} from './apipb/AddPeerRequest';
import type {
  AddPolicyAssignmentRequest as _apipb_AddPolicyAssignmentRequest,
  AddPolicyAssignmentRequest__Output as _apipb_AddPolicyAssignmentRequest__Output,
} from './apipb/AddPolicyAssignmentRequest';
import type {
  AddPolicyRequest as _apipb_AddPolicyRequest,
  AddPolicyRequest__Output as _apipb_AddPolicyRequest__Output,
} from './apipb/AddPolicyRequest';
import type {
  AddRpkiRequest as _apipb_AddRpkiRequest,
  AddRpkiRequest__Output as _apipb_AddRpkiRequest__Output,
} from './apipb/AddRpkiRequest';
import type {
  AddStatementRequest as _apipb_AddStatementRequest,
  AddStatementRequest__Output as _apipb_AddStatementRequest__Output,
} from './apipb/AddStatementRequest';
import type {
  AddVrfRequest as _apipb_AddVrfRequest,
  AddVrfRequest__Output as _apipb_AddVrfRequest__Output,
} from './apipb/AddVrfRequest';
import type { AfiSafi as _apipb_AfiSafi, AfiSafi__Output as _apipb_AfiSafi__Output } from './apipb/AfiSafi';
import type {
  AfiSafiConfig as _apipb_AfiSafiConfig,
  AfiSafiConfig__Output as _apipb_AfiSafiConfig__Output,
} from './apipb/AfiSafiConfig';
import type {
  AfiSafiState as _apipb_AfiSafiState,
  AfiSafiState__Output as _apipb_AfiSafiState__Output,
} from './apipb/AfiSafiState';
import type {
  AggregatorAttribute as _apipb_AggregatorAttribute,
  AggregatorAttribute__Output as _apipb_AggregatorAttribute__Output,
} from './apipb/AggregatorAttribute';
import type {
  AigpAttribute as _apipb_AigpAttribute,
  AigpAttribute__Output as _apipb_AigpAttribute__Output,
} from './apipb/AigpAttribute';
import type {
  AigpTLVIGPMetric as _apipb_AigpTLVIGPMetric,
  AigpTLVIGPMetric__Output as _apipb_AigpTLVIGPMetric__Output,
} from './apipb/AigpTLVIGPMetric';
import type {
  AigpTLVUnknown as _apipb_AigpTLVUnknown,
  AigpTLVUnknown__Output as _apipb_AigpTLVUnknown__Output,
} from './apipb/AigpTLVUnknown';
import type {
  ApplyPolicy as _apipb_ApplyPolicy,
  ApplyPolicy__Output as _apipb_ApplyPolicy__Output,
} from './apipb/ApplyPolicy';
import type {
  As4AggregatorAttribute as _apipb_As4AggregatorAttribute,
  As4AggregatorAttribute__Output as _apipb_As4AggregatorAttribute__Output,
} from './apipb/As4AggregatorAttribute';
import type {
  As4PathAttribute as _apipb_As4PathAttribute,
  As4PathAttribute__Output as _apipb_As4PathAttribute__Output,
} from './apipb/As4PathAttribute';
import type {
  AsPathAttribute as _apipb_AsPathAttribute,
  AsPathAttribute__Output as _apipb_AsPathAttribute__Output,
} from './apipb/AsPathAttribute';
import type {
  AsPathLength as _apipb_AsPathLength,
  AsPathLength__Output as _apipb_AsPathLength__Output,
} from './apipb/AsPathLength';
import type {
  AsPrependAction as _apipb_AsPrependAction,
  AsPrependAction__Output as _apipb_AsPrependAction__Output,
} from './apipb/AsPrependAction';
import type {
  AsSegment as _apipb_AsSegment,
  AsSegment__Output as _apipb_AsSegment__Output,
} from './apipb/AsSegment';
import type {
  AtomicAggregateAttribute as _apipb_AtomicAggregateAttribute,
  AtomicAggregateAttribute__Output as _apipb_AtomicAggregateAttribute__Output,
} from './apipb/AtomicAggregateAttribute';
import type {
  ClusterListAttribute as _apipb_ClusterListAttribute,
  ClusterListAttribute__Output as _apipb_ClusterListAttribute__Output,
} from './apipb/ClusterListAttribute';
import type {
  ColorExtended as _apipb_ColorExtended,
  ColorExtended__Output as _apipb_ColorExtended__Output,
} from './apipb/ColorExtended';
import type {
  CommunitiesAttribute as _apipb_CommunitiesAttribute,
  CommunitiesAttribute__Output as _apipb_CommunitiesAttribute__Output,
} from './apipb/CommunitiesAttribute';
import type {
  CommunityAction as _apipb_CommunityAction,
  CommunityAction__Output as _apipb_CommunityAction__Output,
} from './apipb/CommunityAction';
import type {
  Conditions as _apipb_Conditions,
  Conditions__Output as _apipb_Conditions__Output,
} from './apipb/Conditions';
import type {
  Confederation as _apipb_Confederation,
  Confederation__Output as _apipb_Confederation__Output,
} from './apipb/Confederation';
import type {
  DefaultGatewayExtended as _apipb_DefaultGatewayExtended,
  DefaultGatewayExtended__Output as _apipb_DefaultGatewayExtended__Output,
} from './apipb/DefaultGatewayExtended';
import type {
  DefaultRouteDistance as _apipb_DefaultRouteDistance,
  DefaultRouteDistance__Output as _apipb_DefaultRouteDistance__Output,
} from './apipb/DefaultRouteDistance';
import type {
  DefinedSet as _apipb_DefinedSet,
  DefinedSet__Output as _apipb_DefinedSet__Output,
} from './apipb/DefinedSet';
import type {
  DeleteBmpRequest as _apipb_DeleteBmpRequest,
  DeleteBmpRequest__Output as _apipb_DeleteBmpRequest__Output,
} from './apipb/DeleteBmpRequest';
import type {
  DeleteDefinedSetRequest as _apipb_DeleteDefinedSetRequest,
  DeleteDefinedSetRequest__Output as _apipb_DeleteDefinedSetRequest__Output,
} from './apipb/DeleteDefinedSetRequest';
import type {
  DeleteDynamicNeighborRequest as _apipb_DeleteDynamicNeighborRequest,
  DeleteDynamicNeighborRequest__Output as _apipb_DeleteDynamicNeighborRequest__Output,
} from './apipb/DeleteDynamicNeighborRequest';
import type {
  DeletePathRequest as _apipb_DeletePathRequest,
  DeletePathRequest__Output as _apipb_DeletePathRequest__Output,
} from './apipb/DeletePathRequest';
import type {
  DeletePeerGroupRequest as _apipb_DeletePeerGroupRequest,
  DeletePeerGroupRequest__Output as _apipb_DeletePeerGroupRequest__Output,
} from './apipb/DeletePeerGroupRequest';
import type {
  DeletePeerRequest as _apipb_DeletePeerRequest,
  DeletePeerRequest__Output as _apipb_DeletePeerRequest__Output,
} from './apipb/DeletePeerRequest';
import type {
  DeletePolicyAssignmentRequest as _apipb_DeletePolicyAssignmentRequest,
  DeletePolicyAssignmentRequest__Output as _apipb_DeletePolicyAssignmentRequest__Output,
} from './apipb/DeletePolicyAssignmentRequest';
import type {
  DeletePolicyRequest as _apipb_DeletePolicyRequest,
  DeletePolicyRequest__Output as _apipb_DeletePolicyRequest__Output,
} from './apipb/DeletePolicyRequest';
import type {
  DeleteRpkiRequest as _apipb_DeleteRpkiRequest,
  DeleteRpkiRequest__Output as _apipb_DeleteRpkiRequest__Output,
} from './apipb/DeleteRpkiRequest';
import type {
  DeleteStatementRequest as _apipb_DeleteStatementRequest,
  DeleteStatementRequest__Output as _apipb_DeleteStatementRequest__Output,
} from './apipb/DeleteStatementRequest';
import type {
  DeleteVrfRequest as _apipb_DeleteVrfRequest,
  DeleteVrfRequest__Output as _apipb_DeleteVrfRequest__Output,
} from './apipb/DeleteVrfRequest';
import type {
  Destination as _apipb_Destination,
  Destination__Output as _apipb_Destination__Output,
} from './apipb/Destination';
import type {
  DisableMrtRequest as _apipb_DisableMrtRequest,
  DisableMrtRequest__Output as _apipb_DisableMrtRequest__Output,
} from './apipb/DisableMrtRequest';
import type {
  DisablePeerRequest as _apipb_DisablePeerRequest,
  DisablePeerRequest__Output as _apipb_DisablePeerRequest__Output,
} from './apipb/DisablePeerRequest';
import type {
  DisableRpkiRequest as _apipb_DisableRpkiRequest,
  DisableRpkiRequest__Output as _apipb_DisableRpkiRequest__Output,
} from './apipb/DisableRpkiRequest';
import type {
  DynamicNeighbor as _apipb_DynamicNeighbor,
  DynamicNeighbor__Output as _apipb_DynamicNeighbor__Output,
} from './apipb/DynamicNeighbor';
import type {
  ESILabelExtended as _apipb_ESILabelExtended,
  ESILabelExtended__Output as _apipb_ESILabelExtended__Output,
} from './apipb/ESILabelExtended';
import type {
  ESImportRouteTarget as _apipb_ESImportRouteTarget,
  ESImportRouteTarget__Output as _apipb_ESImportRouteTarget__Output,
} from './apipb/ESImportRouteTarget';
import type {
  EVPNEthernetAutoDiscoveryRoute as _apipb_EVPNEthernetAutoDiscoveryRoute,
  EVPNEthernetAutoDiscoveryRoute__Output as _apipb_EVPNEthernetAutoDiscoveryRoute__Output,
} from './apipb/EVPNEthernetAutoDiscoveryRoute';
import type {
  EVPNEthernetSegmentRoute as _apipb_EVPNEthernetSegmentRoute,
  EVPNEthernetSegmentRoute__Output as _apipb_EVPNEthernetSegmentRoute__Output,
} from './apipb/EVPNEthernetSegmentRoute';
import type {
  EVPNIPMSIRoute as _apipb_EVPNIPMSIRoute,
  EVPNIPMSIRoute__Output as _apipb_EVPNIPMSIRoute__Output,
} from './apipb/EVPNIPMSIRoute';
import type {
  EVPNIPPrefixRoute as _apipb_EVPNIPPrefixRoute,
  EVPNIPPrefixRoute__Output as _apipb_EVPNIPPrefixRoute__Output,
} from './apipb/EVPNIPPrefixRoute';
import type {
  EVPNInclusiveMulticastEthernetTagRoute as _apipb_EVPNInclusiveMulticastEthernetTagRoute,
  EVPNInclusiveMulticastEthernetTagRoute__Output as _apipb_EVPNInclusiveMulticastEthernetTagRoute__Output,
} from './apipb/EVPNInclusiveMulticastEthernetTagRoute';
import type {
  EVPNMACIPAdvertisementRoute as _apipb_EVPNMACIPAdvertisementRoute,
  EVPNMACIPAdvertisementRoute__Output as _apipb_EVPNMACIPAdvertisementRoute__Output,
} from './apipb/EVPNMACIPAdvertisementRoute';
import type { Ebgp as _apipb_Ebgp, Ebgp__Output as _apipb_Ebgp__Output } from './apipb/Ebgp';
import type {
  EbgpConfig as _apipb_EbgpConfig,
  EbgpConfig__Output as _apipb_EbgpConfig__Output,
} from './apipb/EbgpConfig';
import type {
  EbgpMultihop as _apipb_EbgpMultihop,
  EbgpMultihop__Output as _apipb_EbgpMultihop__Output,
} from './apipb/EbgpMultihop';
import type {
  EbgpState as _apipb_EbgpState,
  EbgpState__Output as _apipb_EbgpState__Output,
} from './apipb/EbgpState';
import type {
  EnableMrtRequest as _apipb_EnableMrtRequest,
  EnableMrtRequest__Output as _apipb_EnableMrtRequest__Output,
} from './apipb/EnableMrtRequest';
import type {
  EnablePeerRequest as _apipb_EnablePeerRequest,
  EnablePeerRequest__Output as _apipb_EnablePeerRequest__Output,
} from './apipb/EnablePeerRequest';
import type {
  EnableRpkiRequest as _apipb_EnableRpkiRequest,
  EnableRpkiRequest__Output as _apipb_EnableRpkiRequest__Output,
} from './apipb/EnableRpkiRequest';
import type {
  EnableZebraRequest as _apipb_EnableZebraRequest,
  EnableZebraRequest__Output as _apipb_EnableZebraRequest__Output,
} from './apipb/EnableZebraRequest';
import type {
  EncapExtended as _apipb_EncapExtended,
  EncapExtended__Output as _apipb_EncapExtended__Output,
} from './apipb/EncapExtended';
import type {
  EncapsulationNLRI as _apipb_EncapsulationNLRI,
  EncapsulationNLRI__Output as _apipb_EncapsulationNLRI__Output,
} from './apipb/EncapsulationNLRI';
import type {
  EthernetSegmentIdentifier as _apipb_EthernetSegmentIdentifier,
  EthernetSegmentIdentifier__Output as _apipb_EthernetSegmentIdentifier__Output,
} from './apipb/EthernetSegmentIdentifier';
import type {
  ExtendedCommunitiesAttribute as _apipb_ExtendedCommunitiesAttribute,
  ExtendedCommunitiesAttribute__Output as _apipb_ExtendedCommunitiesAttribute__Output,
} from './apipb/ExtendedCommunitiesAttribute';
import type { Family as _apipb_Family, Family__Output as _apipb_Family__Output } from './apipb/Family';
import type {
  FlowSpecComponent as _apipb_FlowSpecComponent,
  FlowSpecComponent__Output as _apipb_FlowSpecComponent__Output,
} from './apipb/FlowSpecComponent';
import type {
  FlowSpecComponentItem as _apipb_FlowSpecComponentItem,
  FlowSpecComponentItem__Output as _apipb_FlowSpecComponentItem__Output,
} from './apipb/FlowSpecComponentItem';
import type {
  FlowSpecIPPrefix as _apipb_FlowSpecIPPrefix,
  FlowSpecIPPrefix__Output as _apipb_FlowSpecIPPrefix__Output,
} from './apipb/FlowSpecIPPrefix';
import type {
  FlowSpecMAC as _apipb_FlowSpecMAC,
  FlowSpecMAC__Output as _apipb_FlowSpecMAC__Output,
} from './apipb/FlowSpecMAC';
import type {
  FlowSpecNLRI as _apipb_FlowSpecNLRI,
  FlowSpecNLRI__Output as _apipb_FlowSpecNLRI__Output,
} from './apipb/FlowSpecNLRI';
import type {
  FourOctetAsSpecificExtended as _apipb_FourOctetAsSpecificExtended,
  FourOctetAsSpecificExtended__Output as _apipb_FourOctetAsSpecificExtended__Output,
} from './apipb/FourOctetAsSpecificExtended';
import type {
  GetBgpRequest as _apipb_GetBgpRequest,
  GetBgpRequest__Output as _apipb_GetBgpRequest__Output,
} from './apipb/GetBgpRequest';
import type {
  GetBgpResponse as _apipb_GetBgpResponse,
  GetBgpResponse__Output as _apipb_GetBgpResponse__Output,
} from './apipb/GetBgpResponse';
import type {
  GetTableRequest as _apipb_GetTableRequest,
  GetTableRequest__Output as _apipb_GetTableRequest__Output,
} from './apipb/GetTableRequest';
import type {
  GetTableResponse as _apipb_GetTableResponse,
  GetTableResponse__Output as _apipb_GetTableResponse__Output,
} from './apipb/GetTableResponse';
import type { Global as _apipb_Global, Global__Output as _apipb_Global__Output } from './apipb/Global';
import type {
  GobgpApiClient as _apipb_GobgpApiClient,
  GobgpApiDefinition as _apipb_GobgpApiDefinition,
} from './apipb/GobgpApi';
import type {
  GracefulRestart as _apipb_GracefulRestart,
  GracefulRestart__Output as _apipb_GracefulRestart__Output,
} from './apipb/GracefulRestart';
import type {
  IP6ExtendedCommunitiesAttribute as _apipb_IP6ExtendedCommunitiesAttribute,
  IP6ExtendedCommunitiesAttribute__Output as _apipb_IP6ExtendedCommunitiesAttribute__Output,
} from './apipb/IP6ExtendedCommunitiesAttribute';
import type {
  IPAddressPrefix as _apipb_IPAddressPrefix,
  IPAddressPrefix__Output as _apipb_IPAddressPrefix__Output,
} from './apipb/IPAddressPrefix';
import type {
  IPv4AddressSpecificExtended as _apipb_IPv4AddressSpecificExtended,
  IPv4AddressSpecificExtended__Output as _apipb_IPv4AddressSpecificExtended__Output,
} from './apipb/IPv4AddressSpecificExtended';
import type {
  IPv6AddressSpecificExtended as _apipb_IPv6AddressSpecificExtended,
  IPv6AddressSpecificExtended__Output as _apipb_IPv6AddressSpecificExtended__Output,
} from './apipb/IPv6AddressSpecificExtended';
import type { Ibgp as _apipb_Ibgp, Ibgp__Output as _apipb_Ibgp__Output } from './apipb/Ibgp';
import type {
  IbgpConfig as _apipb_IbgpConfig,
  IbgpConfig__Output as _apipb_IbgpConfig__Output,
} from './apipb/IbgpConfig';
import type {
  IbgpState as _apipb_IbgpState,
  IbgpState__Output as _apipb_IbgpState__Output,
} from './apipb/IbgpState';
import type {
  LabeledIPAddressPrefix as _apipb_LabeledIPAddressPrefix,
  LabeledIPAddressPrefix__Output as _apipb_LabeledIPAddressPrefix__Output,
} from './apipb/LabeledIPAddressPrefix';
import type {
  LabeledVPNIPAddressPrefix as _apipb_LabeledVPNIPAddressPrefix,
  LabeledVPNIPAddressPrefix__Output as _apipb_LabeledVPNIPAddressPrefix__Output,
} from './apipb/LabeledVPNIPAddressPrefix';
import type {
  LargeCommunitiesAttribute as _apipb_LargeCommunitiesAttribute,
  LargeCommunitiesAttribute__Output as _apipb_LargeCommunitiesAttribute__Output,
} from './apipb/LargeCommunitiesAttribute';
import type {
  LargeCommunity as _apipb_LargeCommunity,
  LargeCommunity__Output as _apipb_LargeCommunity__Output,
} from './apipb/LargeCommunity';
import type {
  LinkBandwidthExtended as _apipb_LinkBandwidthExtended,
  LinkBandwidthExtended__Output as _apipb_LinkBandwidthExtended__Output,
} from './apipb/LinkBandwidthExtended';
import type {
  ListBmpRequest as _apipb_ListBmpRequest,
  ListBmpRequest__Output as _apipb_ListBmpRequest__Output,
} from './apipb/ListBmpRequest';
import type {
  ListBmpResponse as _apipb_ListBmpResponse,
  ListBmpResponse__Output as _apipb_ListBmpResponse__Output,
} from './apipb/ListBmpResponse';
import type {
  ListDefinedSetRequest as _apipb_ListDefinedSetRequest,
  ListDefinedSetRequest__Output as _apipb_ListDefinedSetRequest__Output,
} from './apipb/ListDefinedSetRequest';
import type {
  ListDefinedSetResponse as _apipb_ListDefinedSetResponse,
  ListDefinedSetResponse__Output as _apipb_ListDefinedSetResponse__Output,
} from './apipb/ListDefinedSetResponse';
import type {
  ListDynamicNeighborRequest as _apipb_ListDynamicNeighborRequest,
  ListDynamicNeighborRequest__Output as _apipb_ListDynamicNeighborRequest__Output,
} from './apipb/ListDynamicNeighborRequest';
import type {
  ListDynamicNeighborResponse as _apipb_ListDynamicNeighborResponse,
  ListDynamicNeighborResponse__Output as _apipb_ListDynamicNeighborResponse__Output,
} from './apipb/ListDynamicNeighborResponse';
import type {
  ListPathRequest as _apipb_ListPathRequest,
  ListPathRequest__Output as _apipb_ListPathRequest__Output,
} from './apipb/ListPathRequest';
import type {
  ListPathResponse as _apipb_ListPathResponse,
  ListPathResponse__Output as _apipb_ListPathResponse__Output,
} from './apipb/ListPathResponse';
import type {
  ListPeerGroupRequest as _apipb_ListPeerGroupRequest,
  ListPeerGroupRequest__Output as _apipb_ListPeerGroupRequest__Output,
} from './apipb/ListPeerGroupRequest';
import type {
  ListPeerGroupResponse as _apipb_ListPeerGroupResponse,
  ListPeerGroupResponse__Output as _apipb_ListPeerGroupResponse__Output,
} from './apipb/ListPeerGroupResponse';
import type {
  ListPeerRequest as _apipb_ListPeerRequest,
  ListPeerRequest__Output as _apipb_ListPeerRequest__Output,
} from './apipb/ListPeerRequest';
import type {
  ListPeerResponse as _apipb_ListPeerResponse,
  ListPeerResponse__Output as _apipb_ListPeerResponse__Output,
} from './apipb/ListPeerResponse';
import type {
  ListPolicyAssignmentRequest as _apipb_ListPolicyAssignmentRequest,
  ListPolicyAssignmentRequest__Output as _apipb_ListPolicyAssignmentRequest__Output,
} from './apipb/ListPolicyAssignmentRequest';
import type {
  ListPolicyAssignmentResponse as _apipb_ListPolicyAssignmentResponse,
  ListPolicyAssignmentResponse__Output as _apipb_ListPolicyAssignmentResponse__Output,
} from './apipb/ListPolicyAssignmentResponse';
import type {
  ListPolicyRequest as _apipb_ListPolicyRequest,
  ListPolicyRequest__Output as _apipb_ListPolicyRequest__Output,
} from './apipb/ListPolicyRequest';
import type {
  ListPolicyResponse as _apipb_ListPolicyResponse,
  ListPolicyResponse__Output as _apipb_ListPolicyResponse__Output,
} from './apipb/ListPolicyResponse';
import type {
  ListRpkiRequest as _apipb_ListRpkiRequest,
  ListRpkiRequest__Output as _apipb_ListRpkiRequest__Output,
} from './apipb/ListRpkiRequest';
import type {
  ListRpkiResponse as _apipb_ListRpkiResponse,
  ListRpkiResponse__Output as _apipb_ListRpkiResponse__Output,
} from './apipb/ListRpkiResponse';
import type {
  ListRpkiTableRequest as _apipb_ListRpkiTableRequest,
  ListRpkiTableRequest__Output as _apipb_ListRpkiTableRequest__Output,
} from './apipb/ListRpkiTableRequest';
import type {
  ListRpkiTableResponse as _apipb_ListRpkiTableResponse,
  ListRpkiTableResponse__Output as _apipb_ListRpkiTableResponse__Output,
} from './apipb/ListRpkiTableResponse';
import type {
  ListStatementRequest as _apipb_ListStatementRequest,
  ListStatementRequest__Output as _apipb_ListStatementRequest__Output,
} from './apipb/ListStatementRequest';
import type {
  ListStatementResponse as _apipb_ListStatementResponse,
  ListStatementResponse__Output as _apipb_ListStatementResponse__Output,
} from './apipb/ListStatementResponse';
import type {
  ListVrfRequest as _apipb_ListVrfRequest,
  ListVrfRequest__Output as _apipb_ListVrfRequest__Output,
} from './apipb/ListVrfRequest';
import type {
  ListVrfResponse as _apipb_ListVrfResponse,
  ListVrfResponse__Output as _apipb_ListVrfResponse__Output,
} from './apipb/ListVrfResponse';
import type {
  LocalPrefAction as _apipb_LocalPrefAction,
  LocalPrefAction__Output as _apipb_LocalPrefAction__Output,
} from './apipb/LocalPrefAction';
import type {
  LocalPrefAttribute as _apipb_LocalPrefAttribute,
  LocalPrefAttribute__Output as _apipb_LocalPrefAttribute__Output,
} from './apipb/LocalPrefAttribute';
import type {
  LongLivedGracefulRestart as _apipb_LongLivedGracefulRestart,
  LongLivedGracefulRestart__Output as _apipb_LongLivedGracefulRestart__Output,
} from './apipb/LongLivedGracefulRestart';
import type {
  LongLivedGracefulRestartConfig as _apipb_LongLivedGracefulRestartConfig,
  LongLivedGracefulRestartConfig__Output as _apipb_LongLivedGracefulRestartConfig__Output,
} from './apipb/LongLivedGracefulRestartConfig';
import type {
  LongLivedGracefulRestartState as _apipb_LongLivedGracefulRestartState,
  LongLivedGracefulRestartState__Output as _apipb_LongLivedGracefulRestartState__Output,
} from './apipb/LongLivedGracefulRestartState';
import type {
  LsAddrPrefix as _apipb_LsAddrPrefix,
  LsAddrPrefix__Output as _apipb_LsAddrPrefix__Output,
} from './apipb/LsAddrPrefix';
import type {
  LsAttribute as _apipb_LsAttribute,
  LsAttribute__Output as _apipb_LsAttribute__Output,
} from './apipb/LsAttribute';
import type {
  LsAttributeBgpPeerSegment as _apipb_LsAttributeBgpPeerSegment,
  LsAttributeBgpPeerSegment__Output as _apipb_LsAttributeBgpPeerSegment__Output,
} from './apipb/LsAttributeBgpPeerSegment';
import type {
  LsAttributeLink as _apipb_LsAttributeLink,
  LsAttributeLink__Output as _apipb_LsAttributeLink__Output,
} from './apipb/LsAttributeLink';
import type {
  LsAttributeNode as _apipb_LsAttributeNode,
  LsAttributeNode__Output as _apipb_LsAttributeNode__Output,
} from './apipb/LsAttributeNode';
import type {
  LsAttributePrefix as _apipb_LsAttributePrefix,
  LsAttributePrefix__Output as _apipb_LsAttributePrefix__Output,
} from './apipb/LsAttributePrefix';
import type {
  LsIGPFlags as _apipb_LsIGPFlags,
  LsIGPFlags__Output as _apipb_LsIGPFlags__Output,
} from './apipb/LsIGPFlags';
import type {
  LsLinkDescriptor as _apipb_LsLinkDescriptor,
  LsLinkDescriptor__Output as _apipb_LsLinkDescriptor__Output,
} from './apipb/LsLinkDescriptor';
import type {
  LsLinkNLRI as _apipb_LsLinkNLRI,
  LsLinkNLRI__Output as _apipb_LsLinkNLRI__Output,
} from './apipb/LsLinkNLRI';
import type {
  LsNodeDescriptor as _apipb_LsNodeDescriptor,
  LsNodeDescriptor__Output as _apipb_LsNodeDescriptor__Output,
} from './apipb/LsNodeDescriptor';
import type {
  LsNodeFlags as _apipb_LsNodeFlags,
  LsNodeFlags__Output as _apipb_LsNodeFlags__Output,
} from './apipb/LsNodeFlags';
import type {
  LsNodeNLRI as _apipb_LsNodeNLRI,
  LsNodeNLRI__Output as _apipb_LsNodeNLRI__Output,
} from './apipb/LsNodeNLRI';
import type {
  LsPrefixDescriptor as _apipb_LsPrefixDescriptor,
  LsPrefixDescriptor__Output as _apipb_LsPrefixDescriptor__Output,
} from './apipb/LsPrefixDescriptor';
import type {
  LsPrefixV4NLRI as _apipb_LsPrefixV4NLRI,
  LsPrefixV4NLRI__Output as _apipb_LsPrefixV4NLRI__Output,
} from './apipb/LsPrefixV4NLRI';
import type {
  LsPrefixV6NLRI as _apipb_LsPrefixV6NLRI,
  LsPrefixV6NLRI__Output as _apipb_LsPrefixV6NLRI__Output,
} from './apipb/LsPrefixV6NLRI';
import type {
  LsSrCapabilities as _apipb_LsSrCapabilities,
  LsSrCapabilities__Output as _apipb_LsSrCapabilities__Output,
} from './apipb/LsSrCapabilities';
import type {
  LsSrLocalBlock as _apipb_LsSrLocalBlock,
  LsSrLocalBlock__Output as _apipb_LsSrLocalBlock__Output,
} from './apipb/LsSrLocalBlock';
import type {
  LsSrRange as _apipb_LsSrRange,
  LsSrRange__Output as _apipb_LsSrRange__Output,
} from './apipb/LsSrRange';
import type {
  MUPDirectSegmentDiscoveryRoute as _apipb_MUPDirectSegmentDiscoveryRoute,
  MUPDirectSegmentDiscoveryRoute__Output as _apipb_MUPDirectSegmentDiscoveryRoute__Output,
} from './apipb/MUPDirectSegmentDiscoveryRoute';
import type {
  MUPExtended as _apipb_MUPExtended,
  MUPExtended__Output as _apipb_MUPExtended__Output,
} from './apipb/MUPExtended';
import type {
  MUPInterworkSegmentDiscoveryRoute as _apipb_MUPInterworkSegmentDiscoveryRoute,
  MUPInterworkSegmentDiscoveryRoute__Output as _apipb_MUPInterworkSegmentDiscoveryRoute__Output,
} from './apipb/MUPInterworkSegmentDiscoveryRoute';
import type {
  MUPType1SessionTransformedRoute as _apipb_MUPType1SessionTransformedRoute,
  MUPType1SessionTransformedRoute__Output as _apipb_MUPType1SessionTransformedRoute__Output,
} from './apipb/MUPType1SessionTransformedRoute';
import type {
  MUPType2SessionTransformedRoute as _apipb_MUPType2SessionTransformedRoute,
  MUPType2SessionTransformedRoute__Output as _apipb_MUPType2SessionTransformedRoute__Output,
} from './apipb/MUPType2SessionTransformedRoute';
import type {
  MacMobilityExtended as _apipb_MacMobilityExtended,
  MacMobilityExtended__Output as _apipb_MacMobilityExtended__Output,
} from './apipb/MacMobilityExtended';
import type {
  MatchSet as _apipb_MatchSet,
  MatchSet__Output as _apipb_MatchSet__Output,
} from './apipb/MatchSet';
import type {
  MedAction as _apipb_MedAction,
  MedAction__Output as _apipb_MedAction__Output,
} from './apipb/MedAction';
import type { Message as _apipb_Message, Message__Output as _apipb_Message__Output } from './apipb/Message';
import type {
  Messages as _apipb_Messages,
  Messages__Output as _apipb_Messages__Output,
} from './apipb/Messages';
import type {
  MpGracefulRestart as _apipb_MpGracefulRestart,
  MpGracefulRestart__Output as _apipb_MpGracefulRestart__Output,
} from './apipb/MpGracefulRestart';
import type {
  MpGracefulRestartConfig as _apipb_MpGracefulRestartConfig,
  MpGracefulRestartConfig__Output as _apipb_MpGracefulRestartConfig__Output,
} from './apipb/MpGracefulRestartConfig';
import type {
  MpGracefulRestartState as _apipb_MpGracefulRestartState,
  MpGracefulRestartState__Output as _apipb_MpGracefulRestartState__Output,
} from './apipb/MpGracefulRestartState';
import type {
  MpReachNLRIAttribute as _apipb_MpReachNLRIAttribute,
  MpReachNLRIAttribute__Output as _apipb_MpReachNLRIAttribute__Output,
} from './apipb/MpReachNLRIAttribute';
import type {
  MpUnreachNLRIAttribute as _apipb_MpUnreachNLRIAttribute,
  MpUnreachNLRIAttribute__Output as _apipb_MpUnreachNLRIAttribute__Output,
} from './apipb/MpUnreachNLRIAttribute';
import type {
  MultiExitDiscAttribute as _apipb_MultiExitDiscAttribute,
  MultiExitDiscAttribute__Output as _apipb_MultiExitDiscAttribute__Output,
} from './apipb/MultiExitDiscAttribute';
import type {
  NextHopAttribute as _apipb_NextHopAttribute,
  NextHopAttribute__Output as _apipb_NextHopAttribute__Output,
} from './apipb/NextHopAttribute';
import type {
  NexthopAction as _apipb_NexthopAction,
  NexthopAction__Output as _apipb_NexthopAction__Output,
} from './apipb/NexthopAction';
import type {
  OpaqueExtended as _apipb_OpaqueExtended,
  OpaqueExtended__Output as _apipb_OpaqueExtended__Output,
} from './apipb/OpaqueExtended';
import type {
  OpaqueNLRI as _apipb_OpaqueNLRI,
  OpaqueNLRI__Output as _apipb_OpaqueNLRI__Output,
} from './apipb/OpaqueNLRI';
import type {
  OriginAttribute as _apipb_OriginAttribute,
  OriginAttribute__Output as _apipb_OriginAttribute__Output,
} from './apipb/OriginAttribute';
import type {
  OriginatorIdAttribute as _apipb_OriginatorIdAttribute,
  OriginatorIdAttribute__Output as _apipb_OriginatorIdAttribute__Output,
} from './apipb/OriginatorIdAttribute';
import type { Path as _apipb_Path, Path__Output as _apipb_Path__Output } from './apipb/Path';
import type { Peer as _apipb_Peer, Peer__Output as _apipb_Peer__Output } from './apipb/Peer';
import type {
  PeerConf as _apipb_PeerConf,
  PeerConf__Output as _apipb_PeerConf__Output,
} from './apipb/PeerConf';
import type {
  PeerGroup as _apipb_PeerGroup,
  PeerGroup__Output as _apipb_PeerGroup__Output,
} from './apipb/PeerGroup';
import type {
  PeerGroupConf as _apipb_PeerGroupConf,
  PeerGroupConf__Output as _apipb_PeerGroupConf__Output,
} from './apipb/PeerGroupConf';
import type {
  PeerGroupState as _apipb_PeerGroupState,
  PeerGroupState__Output as _apipb_PeerGroupState__Output,
} from './apipb/PeerGroupState';
import type {
  PeerState as _apipb_PeerState,
  PeerState__Output as _apipb_PeerState__Output,
} from './apipb/PeerState';
import type {
  PmsiTunnelAttribute as _apipb_PmsiTunnelAttribute,
  PmsiTunnelAttribute__Output as _apipb_PmsiTunnelAttribute__Output,
} from './apipb/PmsiTunnelAttribute';
import type { Policy as _apipb_Policy, Policy__Output as _apipb_Policy__Output } from './apipb/Policy';
import type {
  PolicyAssignment as _apipb_PolicyAssignment,
  PolicyAssignment__Output as _apipb_PolicyAssignment__Output,
} from './apipb/PolicyAssignment';
import type { Prefix as _apipb_Prefix, Prefix__Output as _apipb_Prefix__Output } from './apipb/Prefix';
import type {
  PrefixLimit as _apipb_PrefixLimit,
  PrefixLimit__Output as _apipb_PrefixLimit__Output,
} from './apipb/PrefixLimit';
import type {
  PrefixSID as _apipb_PrefixSID,
  PrefixSID__Output as _apipb_PrefixSID__Output,
} from './apipb/PrefixSID';
import type { Queues as _apipb_Queues, Queues__Output as _apipb_Queues__Output } from './apipb/Queues';
import type {
  RPKIConf as _apipb_RPKIConf,
  RPKIConf__Output as _apipb_RPKIConf__Output,
} from './apipb/RPKIConf';
import type {
  RPKIState as _apipb_RPKIState,
  RPKIState__Output as _apipb_RPKIState__Output,
} from './apipb/RPKIState';
import type {
  RedirectFourOctetAsSpecificExtended as _apipb_RedirectFourOctetAsSpecificExtended,
  RedirectFourOctetAsSpecificExtended__Output as _apipb_RedirectFourOctetAsSpecificExtended__Output,
} from './apipb/RedirectFourOctetAsSpecificExtended';
import type {
  RedirectIPv4AddressSpecificExtended as _apipb_RedirectIPv4AddressSpecificExtended,
  RedirectIPv4AddressSpecificExtended__Output as _apipb_RedirectIPv4AddressSpecificExtended__Output,
} from './apipb/RedirectIPv4AddressSpecificExtended';
import type {
  RedirectIPv6AddressSpecificExtended as _apipb_RedirectIPv6AddressSpecificExtended,
  RedirectIPv6AddressSpecificExtended__Output as _apipb_RedirectIPv6AddressSpecificExtended__Output,
} from './apipb/RedirectIPv6AddressSpecificExtended';
import type {
  RedirectTwoOctetAsSpecificExtended as _apipb_RedirectTwoOctetAsSpecificExtended,
  RedirectTwoOctetAsSpecificExtended__Output as _apipb_RedirectTwoOctetAsSpecificExtended__Output,
} from './apipb/RedirectTwoOctetAsSpecificExtended';
import type {
  ResetPeerRequest as _apipb_ResetPeerRequest,
  ResetPeerRequest__Output as _apipb_ResetPeerRequest__Output,
} from './apipb/ResetPeerRequest';
import type {
  ResetRpkiRequest as _apipb_ResetRpkiRequest,
  ResetRpkiRequest__Output as _apipb_ResetRpkiRequest__Output,
} from './apipb/ResetRpkiRequest';
import type { Roa as _apipb_Roa, Roa__Output as _apipb_Roa__Output } from './apipb/Roa';
import type {
  RouteDistinguisherFourOctetASN as _apipb_RouteDistinguisherFourOctetASN,
  RouteDistinguisherFourOctetASN__Output as _apipb_RouteDistinguisherFourOctetASN__Output,
} from './apipb/RouteDistinguisherFourOctetASN';
import type {
  RouteDistinguisherIPAddress as _apipb_RouteDistinguisherIPAddress,
  RouteDistinguisherIPAddress__Output as _apipb_RouteDistinguisherIPAddress__Output,
} from './apipb/RouteDistinguisherIPAddress';
import type {
  RouteDistinguisherTwoOctetASN as _apipb_RouteDistinguisherTwoOctetASN,
  RouteDistinguisherTwoOctetASN__Output as _apipb_RouteDistinguisherTwoOctetASN__Output,
} from './apipb/RouteDistinguisherTwoOctetASN';
import type {
  RouteReflector as _apipb_RouteReflector,
  RouteReflector__Output as _apipb_RouteReflector__Output,
} from './apipb/RouteReflector';
import type {
  RouteSelectionOptions as _apipb_RouteSelectionOptions,
  RouteSelectionOptions__Output as _apipb_RouteSelectionOptions__Output,
} from './apipb/RouteSelectionOptions';
import type {
  RouteSelectionOptionsConfig as _apipb_RouteSelectionOptionsConfig,
  RouteSelectionOptionsConfig__Output as _apipb_RouteSelectionOptionsConfig__Output,
} from './apipb/RouteSelectionOptionsConfig';
import type {
  RouteSelectionOptionsState as _apipb_RouteSelectionOptionsState,
  RouteSelectionOptionsState__Output as _apipb_RouteSelectionOptionsState__Output,
} from './apipb/RouteSelectionOptionsState';
import type {
  RouteServer as _apipb_RouteServer,
  RouteServer__Output as _apipb_RouteServer__Output,
} from './apipb/RouteServer';
import type {
  RouteTargetMembership as _apipb_RouteTargetMembership,
  RouteTargetMembership__Output as _apipb_RouteTargetMembership__Output,
} from './apipb/RouteTargetMembership';
import type {
  RouteTargetMembershipConfig as _apipb_RouteTargetMembershipConfig,
  RouteTargetMembershipConfig__Output as _apipb_RouteTargetMembershipConfig__Output,
} from './apipb/RouteTargetMembershipConfig';
import type {
  RouteTargetMembershipNLRI as _apipb_RouteTargetMembershipNLRI,
  RouteTargetMembershipNLRI__Output as _apipb_RouteTargetMembershipNLRI__Output,
} from './apipb/RouteTargetMembershipNLRI';
import type {
  RouteTargetMembershipState as _apipb_RouteTargetMembershipState,
  RouteTargetMembershipState__Output as _apipb_RouteTargetMembershipState__Output,
} from './apipb/RouteTargetMembershipState';
import type {
  RouterMacExtended as _apipb_RouterMacExtended,
  RouterMacExtended__Output as _apipb_RouterMacExtended__Output,
} from './apipb/RouterMacExtended';
import type {
  RoutingPolicy as _apipb_RoutingPolicy,
  RoutingPolicy__Output as _apipb_RoutingPolicy__Output,
} from './apipb/RoutingPolicy';
import type { Rpki as _apipb_Rpki, Rpki__Output as _apipb_Rpki__Output } from './apipb/Rpki';
import type {
  SRBindingSID as _apipb_SRBindingSID,
  SRBindingSID__Output as _apipb_SRBindingSID__Output,
} from './apipb/SRBindingSID';
import type {
  SRPolicyNLRI as _apipb_SRPolicyNLRI,
  SRPolicyNLRI__Output as _apipb_SRPolicyNLRI__Output,
} from './apipb/SRPolicyNLRI';
import type {
  SRWeight as _apipb_SRWeight,
  SRWeight__Output as _apipb_SRWeight__Output,
} from './apipb/SRWeight';
import type {
  SRv6BindingSID as _apipb_SRv6BindingSID,
  SRv6BindingSID__Output as _apipb_SRv6BindingSID__Output,
} from './apipb/SRv6BindingSID';
import type {
  SRv6EndPointBehavior as _apipb_SRv6EndPointBehavior,
  SRv6EndPointBehavior__Output as _apipb_SRv6EndPointBehavior__Output,
} from './apipb/SRv6EndPointBehavior';
import type {
  SRv6InformationSubTLV as _apipb_SRv6InformationSubTLV,
  SRv6InformationSubTLV__Output as _apipb_SRv6InformationSubTLV__Output,
} from './apipb/SRv6InformationSubTLV';
import type {
  SRv6L2ServiceTLV as _apipb_SRv6L2ServiceTLV,
  SRv6L2ServiceTLV__Output as _apipb_SRv6L2ServiceTLV__Output,
} from './apipb/SRv6L2ServiceTLV';
import type {
  SRv6L3ServiceTLV as _apipb_SRv6L3ServiceTLV,
  SRv6L3ServiceTLV__Output as _apipb_SRv6L3ServiceTLV__Output,
} from './apipb/SRv6L3ServiceTLV';
import type {
  SRv6SIDFlags as _apipb_SRv6SIDFlags,
  SRv6SIDFlags__Output as _apipb_SRv6SIDFlags__Output,
} from './apipb/SRv6SIDFlags';
import type {
  SRv6StructureSubSubTLV as _apipb_SRv6StructureSubSubTLV,
  SRv6StructureSubSubTLV__Output as _apipb_SRv6StructureSubSubTLV__Output,
} from './apipb/SRv6StructureSubSubTLV';
import type { SRv6TLV as _apipb_SRv6TLV, SRv6TLV__Output as _apipb_SRv6TLV__Output } from './apipb/SRv6TLV';
import type {
  SegmentFlags as _apipb_SegmentFlags,
  SegmentFlags__Output as _apipb_SegmentFlags__Output,
} from './apipb/SegmentFlags';
import type {
  SegmentTypeA as _apipb_SegmentTypeA,
  SegmentTypeA__Output as _apipb_SegmentTypeA__Output,
} from './apipb/SegmentTypeA';
import type {
  SegmentTypeB as _apipb_SegmentTypeB,
  SegmentTypeB__Output as _apipb_SegmentTypeB__Output,
} from './apipb/SegmentTypeB';
import type {
  SetLogLevelRequest as _apipb_SetLogLevelRequest,
  SetLogLevelRequest__Output as _apipb_SetLogLevelRequest__Output,
} from './apipb/SetLogLevelRequest';
import type {
  SetPoliciesRequest as _apipb_SetPoliciesRequest,
  SetPoliciesRequest__Output as _apipb_SetPoliciesRequest__Output,
} from './apipb/SetPoliciesRequest';
import type {
  SetPolicyAssignmentRequest as _apipb_SetPolicyAssignmentRequest,
  SetPolicyAssignmentRequest__Output as _apipb_SetPolicyAssignmentRequest__Output,
} from './apipb/SetPolicyAssignmentRequest';
import type {
  ShutdownPeerRequest as _apipb_ShutdownPeerRequest,
  ShutdownPeerRequest__Output as _apipb_ShutdownPeerRequest__Output,
} from './apipb/ShutdownPeerRequest';
import type {
  StartBgpRequest as _apipb_StartBgpRequest,
  StartBgpRequest__Output as _apipb_StartBgpRequest__Output,
} from './apipb/StartBgpRequest';
import type {
  Statement as _apipb_Statement,
  Statement__Output as _apipb_Statement__Output,
} from './apipb/Statement';
import type {
  StopBgpRequest as _apipb_StopBgpRequest,
  StopBgpRequest__Output as _apipb_StopBgpRequest__Output,
} from './apipb/StopBgpRequest';
import type {
  TableLookupPrefix as _apipb_TableLookupPrefix,
  TableLookupPrefix__Output as _apipb_TableLookupPrefix__Output,
} from './apipb/TableLookupPrefix';
import type { Timers as _apipb_Timers, Timers__Output as _apipb_Timers__Output } from './apipb/Timers';
import type {
  TimersConfig as _apipb_TimersConfig,
  TimersConfig__Output as _apipb_TimersConfig__Output,
} from './apipb/TimersConfig';
import type {
  TimersState as _apipb_TimersState,
  TimersState__Output as _apipb_TimersState__Output,
} from './apipb/TimersState';
import type {
  TrafficActionExtended as _apipb_TrafficActionExtended,
  TrafficActionExtended__Output as _apipb_TrafficActionExtended__Output,
} from './apipb/TrafficActionExtended';
import type {
  TrafficRateExtended as _apipb_TrafficRateExtended,
  TrafficRateExtended__Output as _apipb_TrafficRateExtended__Output,
} from './apipb/TrafficRateExtended';
import type {
  TrafficRemarkExtended as _apipb_TrafficRemarkExtended,
  TrafficRemarkExtended__Output as _apipb_TrafficRemarkExtended__Output,
} from './apipb/TrafficRemarkExtended';
import type {
  Transport as _apipb_Transport,
  Transport__Output as _apipb_Transport__Output,
} from './apipb/Transport';
import type {
  TtlSecurity as _apipb_TtlSecurity,
  TtlSecurity__Output as _apipb_TtlSecurity__Output,
} from './apipb/TtlSecurity';
import type {
  TunnelEncapAttribute as _apipb_TunnelEncapAttribute,
  TunnelEncapAttribute__Output as _apipb_TunnelEncapAttribute__Output,
} from './apipb/TunnelEncapAttribute';
import type {
  TunnelEncapSubTLVColor as _apipb_TunnelEncapSubTLVColor,
  TunnelEncapSubTLVColor__Output as _apipb_TunnelEncapSubTLVColor__Output,
} from './apipb/TunnelEncapSubTLVColor';
import type {
  TunnelEncapSubTLVEgressEndpoint as _apipb_TunnelEncapSubTLVEgressEndpoint,
  TunnelEncapSubTLVEgressEndpoint__Output as _apipb_TunnelEncapSubTLVEgressEndpoint__Output,
} from './apipb/TunnelEncapSubTLVEgressEndpoint';
import type {
  TunnelEncapSubTLVEncapsulation as _apipb_TunnelEncapSubTLVEncapsulation,
  TunnelEncapSubTLVEncapsulation__Output as _apipb_TunnelEncapSubTLVEncapsulation__Output,
} from './apipb/TunnelEncapSubTLVEncapsulation';
import type {
  TunnelEncapSubTLVProtocol as _apipb_TunnelEncapSubTLVProtocol,
  TunnelEncapSubTLVProtocol__Output as _apipb_TunnelEncapSubTLVProtocol__Output,
} from './apipb/TunnelEncapSubTLVProtocol';
import type {
  TunnelEncapSubTLVSRBindingSID as _apipb_TunnelEncapSubTLVSRBindingSID,
  TunnelEncapSubTLVSRBindingSID__Output as _apipb_TunnelEncapSubTLVSRBindingSID__Output,
} from './apipb/TunnelEncapSubTLVSRBindingSID';
import type {
  TunnelEncapSubTLVSRCandidatePathName as _apipb_TunnelEncapSubTLVSRCandidatePathName,
  TunnelEncapSubTLVSRCandidatePathName__Output as _apipb_TunnelEncapSubTLVSRCandidatePathName__Output,
} from './apipb/TunnelEncapSubTLVSRCandidatePathName';
import type {
  TunnelEncapSubTLVSRENLP as _apipb_TunnelEncapSubTLVSRENLP,
  TunnelEncapSubTLVSRENLP__Output as _apipb_TunnelEncapSubTLVSRENLP__Output,
} from './apipb/TunnelEncapSubTLVSRENLP';
import type {
  TunnelEncapSubTLVSRPreference as _apipb_TunnelEncapSubTLVSRPreference,
  TunnelEncapSubTLVSRPreference__Output as _apipb_TunnelEncapSubTLVSRPreference__Output,
} from './apipb/TunnelEncapSubTLVSRPreference';
import type {
  TunnelEncapSubTLVSRPriority as _apipb_TunnelEncapSubTLVSRPriority,
  TunnelEncapSubTLVSRPriority__Output as _apipb_TunnelEncapSubTLVSRPriority__Output,
} from './apipb/TunnelEncapSubTLVSRPriority';
import type {
  TunnelEncapSubTLVSRSegmentList as _apipb_TunnelEncapSubTLVSRSegmentList,
  TunnelEncapSubTLVSRSegmentList__Output as _apipb_TunnelEncapSubTLVSRSegmentList__Output,
} from './apipb/TunnelEncapSubTLVSRSegmentList';
import type {
  TunnelEncapSubTLVUDPDestPort as _apipb_TunnelEncapSubTLVUDPDestPort,
  TunnelEncapSubTLVUDPDestPort__Output as _apipb_TunnelEncapSubTLVUDPDestPort__Output,
} from './apipb/TunnelEncapSubTLVUDPDestPort';
import type {
  TunnelEncapSubTLVUnknown as _apipb_TunnelEncapSubTLVUnknown,
  TunnelEncapSubTLVUnknown__Output as _apipb_TunnelEncapSubTLVUnknown__Output,
} from './apipb/TunnelEncapSubTLVUnknown';
import type {
  TunnelEncapTLV as _apipb_TunnelEncapTLV,
  TunnelEncapTLV__Output as _apipb_TunnelEncapTLV__Output,
} from './apipb/TunnelEncapTLV';
import type {
  TwoOctetAsSpecificExtended as _apipb_TwoOctetAsSpecificExtended,
  TwoOctetAsSpecificExtended__Output as _apipb_TwoOctetAsSpecificExtended__Output,
} from './apipb/TwoOctetAsSpecificExtended';
import type {
  UnknownAttribute as _apipb_UnknownAttribute,
  UnknownAttribute__Output as _apipb_UnknownAttribute__Output,
} from './apipb/UnknownAttribute';
import type {
  UnknownExtended as _apipb_UnknownExtended,
  UnknownExtended__Output as _apipb_UnknownExtended__Output,
} from './apipb/UnknownExtended';
import type {
  UpdatePeerGroupRequest as _apipb_UpdatePeerGroupRequest,
  UpdatePeerGroupRequest__Output as _apipb_UpdatePeerGroupRequest__Output,
} from './apipb/UpdatePeerGroupRequest';
import type {
  UpdatePeerGroupResponse as _apipb_UpdatePeerGroupResponse,
  UpdatePeerGroupResponse__Output as _apipb_UpdatePeerGroupResponse__Output,
} from './apipb/UpdatePeerGroupResponse';
import type {
  UpdatePeerRequest as _apipb_UpdatePeerRequest,
  UpdatePeerRequest__Output as _apipb_UpdatePeerRequest__Output,
} from './apipb/UpdatePeerRequest';
import type {
  UpdatePeerResponse as _apipb_UpdatePeerResponse,
  UpdatePeerResponse__Output as _apipb_UpdatePeerResponse__Output,
} from './apipb/UpdatePeerResponse';
import type {
  UseMultiplePaths as _apipb_UseMultiplePaths,
  UseMultiplePaths__Output as _apipb_UseMultiplePaths__Output,
} from './apipb/UseMultiplePaths';
import type {
  UseMultiplePathsConfig as _apipb_UseMultiplePathsConfig,
  UseMultiplePathsConfig__Output as _apipb_UseMultiplePathsConfig__Output,
} from './apipb/UseMultiplePathsConfig';
import type {
  UseMultiplePathsState as _apipb_UseMultiplePathsState,
  UseMultiplePathsState__Output as _apipb_UseMultiplePathsState__Output,
} from './apipb/UseMultiplePathsState';
import type {
  VPNFlowSpecNLRI as _apipb_VPNFlowSpecNLRI,
  VPNFlowSpecNLRI__Output as _apipb_VPNFlowSpecNLRI__Output,
} from './apipb/VPNFlowSpecNLRI';
import type {
  Validation as _apipb_Validation,
  Validation__Output as _apipb_Validation__Output,
} from './apipb/Validation';
import type {
  ValidationExtended as _apipb_ValidationExtended,
  ValidationExtended__Output as _apipb_ValidationExtended__Output,
} from './apipb/ValidationExtended';
import type { Vrf as _apipb_Vrf, Vrf__Output as _apipb_Vrf__Output } from './apipb/Vrf';
import type {
  WatchEventRequest as _apipb_WatchEventRequest,
  WatchEventRequest__Output as _apipb_WatchEventRequest__Output,
} from './apipb/WatchEventRequest';
import type {
  WatchEventResponse as _apipb_WatchEventResponse,
  WatchEventResponse__Output as _apipb_WatchEventResponse__Output,
} from './apipb/WatchEventResponse';
import type {
  Any as _google_protobuf_Any,
  Any__Output as _google_protobuf_Any__Output,
} from './google/protobuf/Any';
import type {
  Empty as _google_protobuf_Empty,
  Empty__Output as _google_protobuf_Empty__Output,
} from './google/protobuf/Empty';
import type {
  Timestamp as _google_protobuf_Timestamp,
  Timestamp__Output as _google_protobuf_Timestamp__Output,
} from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new (...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  apipb: {
    Actions: MessageTypeDefinition<_apipb_Actions, _apipb_Actions__Output>;
    AddBmpRequest: MessageTypeDefinition<_apipb_AddBmpRequest, _apipb_AddBmpRequest__Output>;
    AddDefinedSetRequest: MessageTypeDefinition<
      _apipb_AddDefinedSetRequest,
      _apipb_AddDefinedSetRequest__Output
    >;
    AddDynamicNeighborRequest: MessageTypeDefinition<
      _apipb_AddDynamicNeighborRequest,
      _apipb_AddDynamicNeighborRequest__Output
    >;
    AddPathRequest: MessageTypeDefinition<_apipb_AddPathRequest, _apipb_AddPathRequest__Output>;
    AddPathResponse: MessageTypeDefinition<_apipb_AddPathResponse, _apipb_AddPathResponse__Output>;
    AddPathStreamRequest: MessageTypeDefinition<
      _apipb_AddPathStreamRequest,
      _apipb_AddPathStreamRequest__Output
    >;
    AddPaths: MessageTypeDefinition<_apipb_AddPaths, _apipb_AddPaths__Output>;
    AddPathsConfig: MessageTypeDefinition<_apipb_AddPathsConfig, _apipb_AddPathsConfig__Output>;
    AddPathsState: MessageTypeDefinition<_apipb_AddPathsState, _apipb_AddPathsState__Output>;
    AddPeerGroupRequest: MessageTypeDefinition<
      _apipb_AddPeerGroupRequest,
      _apipb_AddPeerGroupRequest__Output
    >;
    AddPeerRequest: MessageTypeDefinition<_apipb_AddPeerRequest, _apipb_AddPeerRequest__Output>;
    AddPolicyAssignmentRequest: MessageTypeDefinition<
      _apipb_AddPolicyAssignmentRequest,
      _apipb_AddPolicyAssignmentRequest__Output
    >;
    AddPolicyRequest: MessageTypeDefinition<_apipb_AddPolicyRequest, _apipb_AddPolicyRequest__Output>;
    AddRpkiRequest: MessageTypeDefinition<_apipb_AddRpkiRequest, _apipb_AddRpkiRequest__Output>;
    AddStatementRequest: MessageTypeDefinition<
      _apipb_AddStatementRequest,
      _apipb_AddStatementRequest__Output
    >;
    AddVrfRequest: MessageTypeDefinition<_apipb_AddVrfRequest, _apipb_AddVrfRequest__Output>;
    AfiSafi: MessageTypeDefinition<_apipb_AfiSafi, _apipb_AfiSafi__Output>;
    AfiSafiConfig: MessageTypeDefinition<_apipb_AfiSafiConfig, _apipb_AfiSafiConfig__Output>;
    AfiSafiState: MessageTypeDefinition<_apipb_AfiSafiState, _apipb_AfiSafiState__Output>;
    AggregatorAttribute: MessageTypeDefinition<
      _apipb_AggregatorAttribute,
      _apipb_AggregatorAttribute__Output
    >;
    AigpAttribute: MessageTypeDefinition<_apipb_AigpAttribute, _apipb_AigpAttribute__Output>;
    AigpTLVIGPMetric: MessageTypeDefinition<_apipb_AigpTLVIGPMetric, _apipb_AigpTLVIGPMetric__Output>;
    AigpTLVUnknown: MessageTypeDefinition<_apipb_AigpTLVUnknown, _apipb_AigpTLVUnknown__Output>;
    ApplyPolicy: MessageTypeDefinition<_apipb_ApplyPolicy, _apipb_ApplyPolicy__Output>;
    As4AggregatorAttribute: MessageTypeDefinition<
      _apipb_As4AggregatorAttribute,
      _apipb_As4AggregatorAttribute__Output
    >;
    As4PathAttribute: MessageTypeDefinition<_apipb_As4PathAttribute, _apipb_As4PathAttribute__Output>;
    AsPathAttribute: MessageTypeDefinition<_apipb_AsPathAttribute, _apipb_AsPathAttribute__Output>;
    AsPathLength: MessageTypeDefinition<_apipb_AsPathLength, _apipb_AsPathLength__Output>;
    AsPrependAction: MessageTypeDefinition<_apipb_AsPrependAction, _apipb_AsPrependAction__Output>;
    AsSegment: MessageTypeDefinition<_apipb_AsSegment, _apipb_AsSegment__Output>;
    AtomicAggregateAttribute: MessageTypeDefinition<
      _apipb_AtomicAggregateAttribute,
      _apipb_AtomicAggregateAttribute__Output
    >;
    ClusterListAttribute: MessageTypeDefinition<
      _apipb_ClusterListAttribute,
      _apipb_ClusterListAttribute__Output
    >;
    ColorExtended: MessageTypeDefinition<_apipb_ColorExtended, _apipb_ColorExtended__Output>;
    CommunitiesAttribute: MessageTypeDefinition<
      _apipb_CommunitiesAttribute,
      _apipb_CommunitiesAttribute__Output
    >;
    CommunityAction: MessageTypeDefinition<_apipb_CommunityAction, _apipb_CommunityAction__Output>;
    Conditions: MessageTypeDefinition<_apipb_Conditions, _apipb_Conditions__Output>;
    Confederation: MessageTypeDefinition<_apipb_Confederation, _apipb_Confederation__Output>;
    DefaultGatewayExtended: MessageTypeDefinition<
      _apipb_DefaultGatewayExtended,
      _apipb_DefaultGatewayExtended__Output
    >;
    DefaultRouteDistance: MessageTypeDefinition<
      _apipb_DefaultRouteDistance,
      _apipb_DefaultRouteDistance__Output
    >;
    DefinedSet: MessageTypeDefinition<_apipb_DefinedSet, _apipb_DefinedSet__Output>;
    DefinedType: EnumTypeDefinition;
    DeleteBmpRequest: MessageTypeDefinition<_apipb_DeleteBmpRequest, _apipb_DeleteBmpRequest__Output>;
    DeleteDefinedSetRequest: MessageTypeDefinition<
      _apipb_DeleteDefinedSetRequest,
      _apipb_DeleteDefinedSetRequest__Output
    >;
    DeleteDynamicNeighborRequest: MessageTypeDefinition<
      _apipb_DeleteDynamicNeighborRequest,
      _apipb_DeleteDynamicNeighborRequest__Output
    >;
    DeletePathRequest: MessageTypeDefinition<_apipb_DeletePathRequest, _apipb_DeletePathRequest__Output>;
    DeletePeerGroupRequest: MessageTypeDefinition<
      _apipb_DeletePeerGroupRequest,
      _apipb_DeletePeerGroupRequest__Output
    >;
    DeletePeerRequest: MessageTypeDefinition<_apipb_DeletePeerRequest, _apipb_DeletePeerRequest__Output>;
    DeletePolicyAssignmentRequest: MessageTypeDefinition<
      _apipb_DeletePolicyAssignmentRequest,
      _apipb_DeletePolicyAssignmentRequest__Output
    >;
    DeletePolicyRequest: MessageTypeDefinition<
      _apipb_DeletePolicyRequest,
      _apipb_DeletePolicyRequest__Output
    >;
    DeleteRpkiRequest: MessageTypeDefinition<_apipb_DeleteRpkiRequest, _apipb_DeleteRpkiRequest__Output>;
    DeleteStatementRequest: MessageTypeDefinition<
      _apipb_DeleteStatementRequest,
      _apipb_DeleteStatementRequest__Output
    >;
    DeleteVrfRequest: MessageTypeDefinition<_apipb_DeleteVrfRequest, _apipb_DeleteVrfRequest__Output>;
    Destination: MessageTypeDefinition<_apipb_Destination, _apipb_Destination__Output>;
    DisableMrtRequest: MessageTypeDefinition<_apipb_DisableMrtRequest, _apipb_DisableMrtRequest__Output>;
    DisablePeerRequest: MessageTypeDefinition<_apipb_DisablePeerRequest, _apipb_DisablePeerRequest__Output>;
    DisableRpkiRequest: MessageTypeDefinition<_apipb_DisableRpkiRequest, _apipb_DisableRpkiRequest__Output>;
    DynamicNeighbor: MessageTypeDefinition<_apipb_DynamicNeighbor, _apipb_DynamicNeighbor__Output>;
    ENLPType: EnumTypeDefinition;
    ESILabelExtended: MessageTypeDefinition<_apipb_ESILabelExtended, _apipb_ESILabelExtended__Output>;
    ESImportRouteTarget: MessageTypeDefinition<
      _apipb_ESImportRouteTarget,
      _apipb_ESImportRouteTarget__Output
    >;
    EVPNEthernetAutoDiscoveryRoute: MessageTypeDefinition<
      _apipb_EVPNEthernetAutoDiscoveryRoute,
      _apipb_EVPNEthernetAutoDiscoveryRoute__Output
    >;
    EVPNEthernetSegmentRoute: MessageTypeDefinition<
      _apipb_EVPNEthernetSegmentRoute,
      _apipb_EVPNEthernetSegmentRoute__Output
    >;
    EVPNIPMSIRoute: MessageTypeDefinition<_apipb_EVPNIPMSIRoute, _apipb_EVPNIPMSIRoute__Output>;
    EVPNIPPrefixRoute: MessageTypeDefinition<_apipb_EVPNIPPrefixRoute, _apipb_EVPNIPPrefixRoute__Output>;
    EVPNInclusiveMulticastEthernetTagRoute: MessageTypeDefinition<
      _apipb_EVPNInclusiveMulticastEthernetTagRoute,
      _apipb_EVPNInclusiveMulticastEthernetTagRoute__Output
    >;
    EVPNMACIPAdvertisementRoute: MessageTypeDefinition<
      _apipb_EVPNMACIPAdvertisementRoute,
      _apipb_EVPNMACIPAdvertisementRoute__Output
    >;
    Ebgp: MessageTypeDefinition<_apipb_Ebgp, _apipb_Ebgp__Output>;
    EbgpConfig: MessageTypeDefinition<_apipb_EbgpConfig, _apipb_EbgpConfig__Output>;
    EbgpMultihop: MessageTypeDefinition<_apipb_EbgpMultihop, _apipb_EbgpMultihop__Output>;
    EbgpState: MessageTypeDefinition<_apipb_EbgpState, _apipb_EbgpState__Output>;
    EnableMrtRequest: MessageTypeDefinition<_apipb_EnableMrtRequest, _apipb_EnableMrtRequest__Output>;
    EnablePeerRequest: MessageTypeDefinition<_apipb_EnablePeerRequest, _apipb_EnablePeerRequest__Output>;
    EnableRpkiRequest: MessageTypeDefinition<_apipb_EnableRpkiRequest, _apipb_EnableRpkiRequest__Output>;
    EnableZebraRequest: MessageTypeDefinition<_apipb_EnableZebraRequest, _apipb_EnableZebraRequest__Output>;
    EncapExtended: MessageTypeDefinition<_apipb_EncapExtended, _apipb_EncapExtended__Output>;
    EncapsulationNLRI: MessageTypeDefinition<_apipb_EncapsulationNLRI, _apipb_EncapsulationNLRI__Output>;
    EthernetSegmentIdentifier: MessageTypeDefinition<
      _apipb_EthernetSegmentIdentifier,
      _apipb_EthernetSegmentIdentifier__Output
    >;
    ExtendedCommunitiesAttribute: MessageTypeDefinition<
      _apipb_ExtendedCommunitiesAttribute,
      _apipb_ExtendedCommunitiesAttribute__Output
    >;
    Family: MessageTypeDefinition<_apipb_Family, _apipb_Family__Output>;
    FlowSpecComponent: MessageTypeDefinition<_apipb_FlowSpecComponent, _apipb_FlowSpecComponent__Output>;
    FlowSpecComponentItem: MessageTypeDefinition<
      _apipb_FlowSpecComponentItem,
      _apipb_FlowSpecComponentItem__Output
    >;
    FlowSpecIPPrefix: MessageTypeDefinition<_apipb_FlowSpecIPPrefix, _apipb_FlowSpecIPPrefix__Output>;
    FlowSpecMAC: MessageTypeDefinition<_apipb_FlowSpecMAC, _apipb_FlowSpecMAC__Output>;
    FlowSpecNLRI: MessageTypeDefinition<_apipb_FlowSpecNLRI, _apipb_FlowSpecNLRI__Output>;
    FourOctetAsSpecificExtended: MessageTypeDefinition<
      _apipb_FourOctetAsSpecificExtended,
      _apipb_FourOctetAsSpecificExtended__Output
    >;
    GetBgpRequest: MessageTypeDefinition<_apipb_GetBgpRequest, _apipb_GetBgpRequest__Output>;
    GetBgpResponse: MessageTypeDefinition<_apipb_GetBgpResponse, _apipb_GetBgpResponse__Output>;
    GetTableRequest: MessageTypeDefinition<_apipb_GetTableRequest, _apipb_GetTableRequest__Output>;
    GetTableResponse: MessageTypeDefinition<_apipb_GetTableResponse, _apipb_GetTableResponse__Output>;
    Global: MessageTypeDefinition<_apipb_Global, _apipb_Global__Output>;
    GobgpApi: SubtypeConstructor<typeof grpc.Client, _apipb_GobgpApiClient> & {
      service: _apipb_GobgpApiDefinition;
    };
    GracefulRestart: MessageTypeDefinition<_apipb_GracefulRestart, _apipb_GracefulRestart__Output>;
    IP6ExtendedCommunitiesAttribute: MessageTypeDefinition<
      _apipb_IP6ExtendedCommunitiesAttribute,
      _apipb_IP6ExtendedCommunitiesAttribute__Output
    >;
    IPAddressPrefix: MessageTypeDefinition<_apipb_IPAddressPrefix, _apipb_IPAddressPrefix__Output>;
    IPv4AddressSpecificExtended: MessageTypeDefinition<
      _apipb_IPv4AddressSpecificExtended,
      _apipb_IPv4AddressSpecificExtended__Output
    >;
    IPv6AddressSpecificExtended: MessageTypeDefinition<
      _apipb_IPv6AddressSpecificExtended,
      _apipb_IPv6AddressSpecificExtended__Output
    >;
    Ibgp: MessageTypeDefinition<_apipb_Ibgp, _apipb_Ibgp__Output>;
    IbgpConfig: MessageTypeDefinition<_apipb_IbgpConfig, _apipb_IbgpConfig__Output>;
    IbgpState: MessageTypeDefinition<_apipb_IbgpState, _apipb_IbgpState__Output>;
    LabeledIPAddressPrefix: MessageTypeDefinition<
      _apipb_LabeledIPAddressPrefix,
      _apipb_LabeledIPAddressPrefix__Output
    >;
    LabeledVPNIPAddressPrefix: MessageTypeDefinition<
      _apipb_LabeledVPNIPAddressPrefix,
      _apipb_LabeledVPNIPAddressPrefix__Output
    >;
    LargeCommunitiesAttribute: MessageTypeDefinition<
      _apipb_LargeCommunitiesAttribute,
      _apipb_LargeCommunitiesAttribute__Output
    >;
    LargeCommunity: MessageTypeDefinition<_apipb_LargeCommunity, _apipb_LargeCommunity__Output>;
    LinkBandwidthExtended: MessageTypeDefinition<
      _apipb_LinkBandwidthExtended,
      _apipb_LinkBandwidthExtended__Output
    >;
    ListBmpRequest: MessageTypeDefinition<_apipb_ListBmpRequest, _apipb_ListBmpRequest__Output>;
    ListBmpResponse: MessageTypeDefinition<_apipb_ListBmpResponse, _apipb_ListBmpResponse__Output>;
    ListDefinedSetRequest: MessageTypeDefinition<
      _apipb_ListDefinedSetRequest,
      _apipb_ListDefinedSetRequest__Output
    >;
    ListDefinedSetResponse: MessageTypeDefinition<
      _apipb_ListDefinedSetResponse,
      _apipb_ListDefinedSetResponse__Output
    >;
    ListDynamicNeighborRequest: MessageTypeDefinition<
      _apipb_ListDynamicNeighborRequest,
      _apipb_ListDynamicNeighborRequest__Output
    >;
    ListDynamicNeighborResponse: MessageTypeDefinition<
      _apipb_ListDynamicNeighborResponse,
      _apipb_ListDynamicNeighborResponse__Output
    >;
    ListPathRequest: MessageTypeDefinition<_apipb_ListPathRequest, _apipb_ListPathRequest__Output>;
    ListPathResponse: MessageTypeDefinition<_apipb_ListPathResponse, _apipb_ListPathResponse__Output>;
    ListPeerGroupRequest: MessageTypeDefinition<
      _apipb_ListPeerGroupRequest,
      _apipb_ListPeerGroupRequest__Output
    >;
    ListPeerGroupResponse: MessageTypeDefinition<
      _apipb_ListPeerGroupResponse,
      _apipb_ListPeerGroupResponse__Output
    >;
    ListPeerRequest: MessageTypeDefinition<_apipb_ListPeerRequest, _apipb_ListPeerRequest__Output>;
    ListPeerResponse: MessageTypeDefinition<_apipb_ListPeerResponse, _apipb_ListPeerResponse__Output>;
    ListPolicyAssignmentRequest: MessageTypeDefinition<
      _apipb_ListPolicyAssignmentRequest,
      _apipb_ListPolicyAssignmentRequest__Output
    >;
    ListPolicyAssignmentResponse: MessageTypeDefinition<
      _apipb_ListPolicyAssignmentResponse,
      _apipb_ListPolicyAssignmentResponse__Output
    >;
    ListPolicyRequest: MessageTypeDefinition<_apipb_ListPolicyRequest, _apipb_ListPolicyRequest__Output>;
    ListPolicyResponse: MessageTypeDefinition<_apipb_ListPolicyResponse, _apipb_ListPolicyResponse__Output>;
    ListRpkiRequest: MessageTypeDefinition<_apipb_ListRpkiRequest, _apipb_ListRpkiRequest__Output>;
    ListRpkiResponse: MessageTypeDefinition<_apipb_ListRpkiResponse, _apipb_ListRpkiResponse__Output>;
    ListRpkiTableRequest: MessageTypeDefinition<
      _apipb_ListRpkiTableRequest,
      _apipb_ListRpkiTableRequest__Output
    >;
    ListRpkiTableResponse: MessageTypeDefinition<
      _apipb_ListRpkiTableResponse,
      _apipb_ListRpkiTableResponse__Output
    >;
    ListStatementRequest: MessageTypeDefinition<
      _apipb_ListStatementRequest,
      _apipb_ListStatementRequest__Output
    >;
    ListStatementResponse: MessageTypeDefinition<
      _apipb_ListStatementResponse,
      _apipb_ListStatementResponse__Output
    >;
    ListVrfRequest: MessageTypeDefinition<_apipb_ListVrfRequest, _apipb_ListVrfRequest__Output>;
    ListVrfResponse: MessageTypeDefinition<_apipb_ListVrfResponse, _apipb_ListVrfResponse__Output>;
    LocalPrefAction: MessageTypeDefinition<_apipb_LocalPrefAction, _apipb_LocalPrefAction__Output>;
    LocalPrefAttribute: MessageTypeDefinition<_apipb_LocalPrefAttribute, _apipb_LocalPrefAttribute__Output>;
    LongLivedGracefulRestart: MessageTypeDefinition<
      _apipb_LongLivedGracefulRestart,
      _apipb_LongLivedGracefulRestart__Output
    >;
    LongLivedGracefulRestartConfig: MessageTypeDefinition<
      _apipb_LongLivedGracefulRestartConfig,
      _apipb_LongLivedGracefulRestartConfig__Output
    >;
    LongLivedGracefulRestartState: MessageTypeDefinition<
      _apipb_LongLivedGracefulRestartState,
      _apipb_LongLivedGracefulRestartState__Output
    >;
    LsAddrPrefix: MessageTypeDefinition<_apipb_LsAddrPrefix, _apipb_LsAddrPrefix__Output>;
    LsAttribute: MessageTypeDefinition<_apipb_LsAttribute, _apipb_LsAttribute__Output>;
    LsAttributeBgpPeerSegment: MessageTypeDefinition<
      _apipb_LsAttributeBgpPeerSegment,
      _apipb_LsAttributeBgpPeerSegment__Output
    >;
    LsAttributeLink: MessageTypeDefinition<_apipb_LsAttributeLink, _apipb_LsAttributeLink__Output>;
    LsAttributeNode: MessageTypeDefinition<_apipb_LsAttributeNode, _apipb_LsAttributeNode__Output>;
    LsAttributePrefix: MessageTypeDefinition<_apipb_LsAttributePrefix, _apipb_LsAttributePrefix__Output>;
    LsIGPFlags: MessageTypeDefinition<_apipb_LsIGPFlags, _apipb_LsIGPFlags__Output>;
    LsLinkDescriptor: MessageTypeDefinition<_apipb_LsLinkDescriptor, _apipb_LsLinkDescriptor__Output>;
    LsLinkNLRI: MessageTypeDefinition<_apipb_LsLinkNLRI, _apipb_LsLinkNLRI__Output>;
    LsNLRIType: EnumTypeDefinition;
    LsNodeDescriptor: MessageTypeDefinition<_apipb_LsNodeDescriptor, _apipb_LsNodeDescriptor__Output>;
    LsNodeFlags: MessageTypeDefinition<_apipb_LsNodeFlags, _apipb_LsNodeFlags__Output>;
    LsNodeNLRI: MessageTypeDefinition<_apipb_LsNodeNLRI, _apipb_LsNodeNLRI__Output>;
    LsOspfRouteType: EnumTypeDefinition;
    LsPrefixDescriptor: MessageTypeDefinition<_apipb_LsPrefixDescriptor, _apipb_LsPrefixDescriptor__Output>;
    LsPrefixV4NLRI: MessageTypeDefinition<_apipb_LsPrefixV4NLRI, _apipb_LsPrefixV4NLRI__Output>;
    LsPrefixV6NLRI: MessageTypeDefinition<_apipb_LsPrefixV6NLRI, _apipb_LsPrefixV6NLRI__Output>;
    LsProtocolID: EnumTypeDefinition;
    LsSrCapabilities: MessageTypeDefinition<_apipb_LsSrCapabilities, _apipb_LsSrCapabilities__Output>;
    LsSrLocalBlock: MessageTypeDefinition<_apipb_LsSrLocalBlock, _apipb_LsSrLocalBlock__Output>;
    LsSrRange: MessageTypeDefinition<_apipb_LsSrRange, _apipb_LsSrRange__Output>;
    MUPDirectSegmentDiscoveryRoute: MessageTypeDefinition<
      _apipb_MUPDirectSegmentDiscoveryRoute,
      _apipb_MUPDirectSegmentDiscoveryRoute__Output
    >;
    MUPExtended: MessageTypeDefinition<_apipb_MUPExtended, _apipb_MUPExtended__Output>;
    MUPInterworkSegmentDiscoveryRoute: MessageTypeDefinition<
      _apipb_MUPInterworkSegmentDiscoveryRoute,
      _apipb_MUPInterworkSegmentDiscoveryRoute__Output
    >;
    MUPType1SessionTransformedRoute: MessageTypeDefinition<
      _apipb_MUPType1SessionTransformedRoute,
      _apipb_MUPType1SessionTransformedRoute__Output
    >;
    MUPType2SessionTransformedRoute: MessageTypeDefinition<
      _apipb_MUPType2SessionTransformedRoute,
      _apipb_MUPType2SessionTransformedRoute__Output
    >;
    MacMobilityExtended: MessageTypeDefinition<
      _apipb_MacMobilityExtended,
      _apipb_MacMobilityExtended__Output
    >;
    MatchSet: MessageTypeDefinition<_apipb_MatchSet, _apipb_MatchSet__Output>;
    MedAction: MessageTypeDefinition<_apipb_MedAction, _apipb_MedAction__Output>;
    Message: MessageTypeDefinition<_apipb_Message, _apipb_Message__Output>;
    Messages: MessageTypeDefinition<_apipb_Messages, _apipb_Messages__Output>;
    MpGracefulRestart: MessageTypeDefinition<_apipb_MpGracefulRestart, _apipb_MpGracefulRestart__Output>;
    MpGracefulRestartConfig: MessageTypeDefinition<
      _apipb_MpGracefulRestartConfig,
      _apipb_MpGracefulRestartConfig__Output
    >;
    MpGracefulRestartState: MessageTypeDefinition<
      _apipb_MpGracefulRestartState,
      _apipb_MpGracefulRestartState__Output
    >;
    MpReachNLRIAttribute: MessageTypeDefinition<
      _apipb_MpReachNLRIAttribute,
      _apipb_MpReachNLRIAttribute__Output
    >;
    MpUnreachNLRIAttribute: MessageTypeDefinition<
      _apipb_MpUnreachNLRIAttribute,
      _apipb_MpUnreachNLRIAttribute__Output
    >;
    MultiExitDiscAttribute: MessageTypeDefinition<
      _apipb_MultiExitDiscAttribute,
      _apipb_MultiExitDiscAttribute__Output
    >;
    NextHopAttribute: MessageTypeDefinition<_apipb_NextHopAttribute, _apipb_NextHopAttribute__Output>;
    NexthopAction: MessageTypeDefinition<_apipb_NexthopAction, _apipb_NexthopAction__Output>;
    OpaqueExtended: MessageTypeDefinition<_apipb_OpaqueExtended, _apipb_OpaqueExtended__Output>;
    OpaqueNLRI: MessageTypeDefinition<_apipb_OpaqueNLRI, _apipb_OpaqueNLRI__Output>;
    OriginAttribute: MessageTypeDefinition<_apipb_OriginAttribute, _apipb_OriginAttribute__Output>;
    OriginatorIdAttribute: MessageTypeDefinition<
      _apipb_OriginatorIdAttribute,
      _apipb_OriginatorIdAttribute__Output
    >;
    Path: MessageTypeDefinition<_apipb_Path, _apipb_Path__Output>;
    Peer: MessageTypeDefinition<_apipb_Peer, _apipb_Peer__Output>;
    PeerConf: MessageTypeDefinition<_apipb_PeerConf, _apipb_PeerConf__Output>;
    PeerGroup: MessageTypeDefinition<_apipb_PeerGroup, _apipb_PeerGroup__Output>;
    PeerGroupConf: MessageTypeDefinition<_apipb_PeerGroupConf, _apipb_PeerGroupConf__Output>;
    PeerGroupState: MessageTypeDefinition<_apipb_PeerGroupState, _apipb_PeerGroupState__Output>;
    PeerState: MessageTypeDefinition<_apipb_PeerState, _apipb_PeerState__Output>;
    PeerType: EnumTypeDefinition;
    PmsiTunnelAttribute: MessageTypeDefinition<
      _apipb_PmsiTunnelAttribute,
      _apipb_PmsiTunnelAttribute__Output
    >;
    Policy: MessageTypeDefinition<_apipb_Policy, _apipb_Policy__Output>;
    PolicyAssignment: MessageTypeDefinition<_apipb_PolicyAssignment, _apipb_PolicyAssignment__Output>;
    PolicyDirection: EnumTypeDefinition;
    Prefix: MessageTypeDefinition<_apipb_Prefix, _apipb_Prefix__Output>;
    PrefixLimit: MessageTypeDefinition<_apipb_PrefixLimit, _apipb_PrefixLimit__Output>;
    PrefixSID: MessageTypeDefinition<_apipb_PrefixSID, _apipb_PrefixSID__Output>;
    Queues: MessageTypeDefinition<_apipb_Queues, _apipb_Queues__Output>;
    RPKIConf: MessageTypeDefinition<_apipb_RPKIConf, _apipb_RPKIConf__Output>;
    RPKIState: MessageTypeDefinition<_apipb_RPKIState, _apipb_RPKIState__Output>;
    RedirectFourOctetAsSpecificExtended: MessageTypeDefinition<
      _apipb_RedirectFourOctetAsSpecificExtended,
      _apipb_RedirectFourOctetAsSpecificExtended__Output
    >;
    RedirectIPv4AddressSpecificExtended: MessageTypeDefinition<
      _apipb_RedirectIPv4AddressSpecificExtended,
      _apipb_RedirectIPv4AddressSpecificExtended__Output
    >;
    RedirectIPv6AddressSpecificExtended: MessageTypeDefinition<
      _apipb_RedirectIPv6AddressSpecificExtended,
      _apipb_RedirectIPv6AddressSpecificExtended__Output
    >;
    RedirectTwoOctetAsSpecificExtended: MessageTypeDefinition<
      _apipb_RedirectTwoOctetAsSpecificExtended,
      _apipb_RedirectTwoOctetAsSpecificExtended__Output
    >;
    RemovePrivate: EnumTypeDefinition;
    ResetPeerRequest: MessageTypeDefinition<_apipb_ResetPeerRequest, _apipb_ResetPeerRequest__Output>;
    ResetRpkiRequest: MessageTypeDefinition<_apipb_ResetRpkiRequest, _apipb_ResetRpkiRequest__Output>;
    Roa: MessageTypeDefinition<_apipb_Roa, _apipb_Roa__Output>;
    RouteAction: EnumTypeDefinition;
    RouteDistinguisherFourOctetASN: MessageTypeDefinition<
      _apipb_RouteDistinguisherFourOctetASN,
      _apipb_RouteDistinguisherFourOctetASN__Output
    >;
    RouteDistinguisherIPAddress: MessageTypeDefinition<
      _apipb_RouteDistinguisherIPAddress,
      _apipb_RouteDistinguisherIPAddress__Output
    >;
    RouteDistinguisherTwoOctetASN: MessageTypeDefinition<
      _apipb_RouteDistinguisherTwoOctetASN,
      _apipb_RouteDistinguisherTwoOctetASN__Output
    >;
    RouteReflector: MessageTypeDefinition<_apipb_RouteReflector, _apipb_RouteReflector__Output>;
    RouteSelectionOptions: MessageTypeDefinition<
      _apipb_RouteSelectionOptions,
      _apipb_RouteSelectionOptions__Output
    >;
    RouteSelectionOptionsConfig: MessageTypeDefinition<
      _apipb_RouteSelectionOptionsConfig,
      _apipb_RouteSelectionOptionsConfig__Output
    >;
    RouteSelectionOptionsState: MessageTypeDefinition<
      _apipb_RouteSelectionOptionsState,
      _apipb_RouteSelectionOptionsState__Output
    >;
    RouteServer: MessageTypeDefinition<_apipb_RouteServer, _apipb_RouteServer__Output>;
    RouteTargetMembership: MessageTypeDefinition<
      _apipb_RouteTargetMembership,
      _apipb_RouteTargetMembership__Output
    >;
    RouteTargetMembershipConfig: MessageTypeDefinition<
      _apipb_RouteTargetMembershipConfig,
      _apipb_RouteTargetMembershipConfig__Output
    >;
    RouteTargetMembershipNLRI: MessageTypeDefinition<
      _apipb_RouteTargetMembershipNLRI,
      _apipb_RouteTargetMembershipNLRI__Output
    >;
    RouteTargetMembershipState: MessageTypeDefinition<
      _apipb_RouteTargetMembershipState,
      _apipb_RouteTargetMembershipState__Output
    >;
    RouterMacExtended: MessageTypeDefinition<_apipb_RouterMacExtended, _apipb_RouterMacExtended__Output>;
    RoutingPolicy: MessageTypeDefinition<_apipb_RoutingPolicy, _apipb_RoutingPolicy__Output>;
    Rpki: MessageTypeDefinition<_apipb_Rpki, _apipb_Rpki__Output>;
    SRBindingSID: MessageTypeDefinition<_apipb_SRBindingSID, _apipb_SRBindingSID__Output>;
    SRPolicyNLRI: MessageTypeDefinition<_apipb_SRPolicyNLRI, _apipb_SRPolicyNLRI__Output>;
    SRWeight: MessageTypeDefinition<_apipb_SRWeight, _apipb_SRWeight__Output>;
    SRv6Behavior: EnumTypeDefinition;
    SRv6BindingSID: MessageTypeDefinition<_apipb_SRv6BindingSID, _apipb_SRv6BindingSID__Output>;
    SRv6EndPointBehavior: MessageTypeDefinition<
      _apipb_SRv6EndPointBehavior,
      _apipb_SRv6EndPointBehavior__Output
    >;
    SRv6InformationSubTLV: MessageTypeDefinition<
      _apipb_SRv6InformationSubTLV,
      _apipb_SRv6InformationSubTLV__Output
    >;
    SRv6L2ServiceTLV: MessageTypeDefinition<_apipb_SRv6L2ServiceTLV, _apipb_SRv6L2ServiceTLV__Output>;
    SRv6L3ServiceTLV: MessageTypeDefinition<_apipb_SRv6L3ServiceTLV, _apipb_SRv6L3ServiceTLV__Output>;
    SRv6SIDFlags: MessageTypeDefinition<_apipb_SRv6SIDFlags, _apipb_SRv6SIDFlags__Output>;
    SRv6StructureSubSubTLV: MessageTypeDefinition<
      _apipb_SRv6StructureSubSubTLV,
      _apipb_SRv6StructureSubSubTLV__Output
    >;
    SRv6TLV: MessageTypeDefinition<_apipb_SRv6TLV, _apipb_SRv6TLV__Output>;
    SegmentFlags: MessageTypeDefinition<_apipb_SegmentFlags, _apipb_SegmentFlags__Output>;
    SegmentTypeA: MessageTypeDefinition<_apipb_SegmentTypeA, _apipb_SegmentTypeA__Output>;
    SegmentTypeB: MessageTypeDefinition<_apipb_SegmentTypeB, _apipb_SegmentTypeB__Output>;
    SetLogLevelRequest: MessageTypeDefinition<_apipb_SetLogLevelRequest, _apipb_SetLogLevelRequest__Output>;
    SetPoliciesRequest: MessageTypeDefinition<_apipb_SetPoliciesRequest, _apipb_SetPoliciesRequest__Output>;
    SetPolicyAssignmentRequest: MessageTypeDefinition<
      _apipb_SetPolicyAssignmentRequest,
      _apipb_SetPolicyAssignmentRequest__Output
    >;
    ShutdownPeerRequest: MessageTypeDefinition<
      _apipb_ShutdownPeerRequest,
      _apipb_ShutdownPeerRequest__Output
    >;
    StartBgpRequest: MessageTypeDefinition<_apipb_StartBgpRequest, _apipb_StartBgpRequest__Output>;
    Statement: MessageTypeDefinition<_apipb_Statement, _apipb_Statement__Output>;
    StopBgpRequest: MessageTypeDefinition<_apipb_StopBgpRequest, _apipb_StopBgpRequest__Output>;
    TableLookupPrefix: MessageTypeDefinition<_apipb_TableLookupPrefix, _apipb_TableLookupPrefix__Output>;
    TableType: EnumTypeDefinition;
    Timers: MessageTypeDefinition<_apipb_Timers, _apipb_Timers__Output>;
    TimersConfig: MessageTypeDefinition<_apipb_TimersConfig, _apipb_TimersConfig__Output>;
    TimersState: MessageTypeDefinition<_apipb_TimersState, _apipb_TimersState__Output>;
    TrafficActionExtended: MessageTypeDefinition<
      _apipb_TrafficActionExtended,
      _apipb_TrafficActionExtended__Output
    >;
    TrafficRateExtended: MessageTypeDefinition<
      _apipb_TrafficRateExtended,
      _apipb_TrafficRateExtended__Output
    >;
    TrafficRemarkExtended: MessageTypeDefinition<
      _apipb_TrafficRemarkExtended,
      _apipb_TrafficRemarkExtended__Output
    >;
    Transport: MessageTypeDefinition<_apipb_Transport, _apipb_Transport__Output>;
    TtlSecurity: MessageTypeDefinition<_apipb_TtlSecurity, _apipb_TtlSecurity__Output>;
    TunnelEncapAttribute: MessageTypeDefinition<
      _apipb_TunnelEncapAttribute,
      _apipb_TunnelEncapAttribute__Output
    >;
    TunnelEncapSubTLVColor: MessageTypeDefinition<
      _apipb_TunnelEncapSubTLVColor,
      _apipb_TunnelEncapSubTLVColor__Output
    >;
    TunnelEncapSubTLVEgressEndpoint: MessageTypeDefinition<
      _apipb_TunnelEncapSubTLVEgressEndpoint,
      _apipb_TunnelEncapSubTLVEgressEndpoint__Output
    >;
    TunnelEncapSubTLVEncapsulation: MessageTypeDefinition<
      _apipb_TunnelEncapSubTLVEncapsulation,
      _apipb_TunnelEncapSubTLVEncapsulation__Output
    >;
    TunnelEncapSubTLVProtocol: MessageTypeDefinition<
      _apipb_TunnelEncapSubTLVProtocol,
      _apipb_TunnelEncapSubTLVProtocol__Output
    >;
    TunnelEncapSubTLVSRBindingSID: MessageTypeDefinition<
      _apipb_TunnelEncapSubTLVSRBindingSID,
      _apipb_TunnelEncapSubTLVSRBindingSID__Output
    >;
    TunnelEncapSubTLVSRCandidatePathName: MessageTypeDefinition<
      _apipb_TunnelEncapSubTLVSRCandidatePathName,
      _apipb_TunnelEncapSubTLVSRCandidatePathName__Output
    >;
    TunnelEncapSubTLVSRENLP: MessageTypeDefinition<
      _apipb_TunnelEncapSubTLVSRENLP,
      _apipb_TunnelEncapSubTLVSRENLP__Output
    >;
    TunnelEncapSubTLVSRPreference: MessageTypeDefinition<
      _apipb_TunnelEncapSubTLVSRPreference,
      _apipb_TunnelEncapSubTLVSRPreference__Output
    >;
    TunnelEncapSubTLVSRPriority: MessageTypeDefinition<
      _apipb_TunnelEncapSubTLVSRPriority,
      _apipb_TunnelEncapSubTLVSRPriority__Output
    >;
    TunnelEncapSubTLVSRSegmentList: MessageTypeDefinition<
      _apipb_TunnelEncapSubTLVSRSegmentList,
      _apipb_TunnelEncapSubTLVSRSegmentList__Output
    >;
    TunnelEncapSubTLVUDPDestPort: MessageTypeDefinition<
      _apipb_TunnelEncapSubTLVUDPDestPort,
      _apipb_TunnelEncapSubTLVUDPDestPort__Output
    >;
    TunnelEncapSubTLVUnknown: MessageTypeDefinition<
      _apipb_TunnelEncapSubTLVUnknown,
      _apipb_TunnelEncapSubTLVUnknown__Output
    >;
    TunnelEncapTLV: MessageTypeDefinition<_apipb_TunnelEncapTLV, _apipb_TunnelEncapTLV__Output>;
    TwoOctetAsSpecificExtended: MessageTypeDefinition<
      _apipb_TwoOctetAsSpecificExtended,
      _apipb_TwoOctetAsSpecificExtended__Output
    >;
    UnknownAttribute: MessageTypeDefinition<_apipb_UnknownAttribute, _apipb_UnknownAttribute__Output>;
    UnknownExtended: MessageTypeDefinition<_apipb_UnknownExtended, _apipb_UnknownExtended__Output>;
    UpdatePeerGroupRequest: MessageTypeDefinition<
      _apipb_UpdatePeerGroupRequest,
      _apipb_UpdatePeerGroupRequest__Output
    >;
    UpdatePeerGroupResponse: MessageTypeDefinition<
      _apipb_UpdatePeerGroupResponse,
      _apipb_UpdatePeerGroupResponse__Output
    >;
    UpdatePeerRequest: MessageTypeDefinition<_apipb_UpdatePeerRequest, _apipb_UpdatePeerRequest__Output>;
    UpdatePeerResponse: MessageTypeDefinition<_apipb_UpdatePeerResponse, _apipb_UpdatePeerResponse__Output>;
    UseMultiplePaths: MessageTypeDefinition<_apipb_UseMultiplePaths, _apipb_UseMultiplePaths__Output>;
    UseMultiplePathsConfig: MessageTypeDefinition<
      _apipb_UseMultiplePathsConfig,
      _apipb_UseMultiplePathsConfig__Output
    >;
    UseMultiplePathsState: MessageTypeDefinition<
      _apipb_UseMultiplePathsState,
      _apipb_UseMultiplePathsState__Output
    >;
    VPNFlowSpecNLRI: MessageTypeDefinition<_apipb_VPNFlowSpecNLRI, _apipb_VPNFlowSpecNLRI__Output>;
    Validation: MessageTypeDefinition<_apipb_Validation, _apipb_Validation__Output>;
    ValidationExtended: MessageTypeDefinition<_apipb_ValidationExtended, _apipb_ValidationExtended__Output>;
    Vrf: MessageTypeDefinition<_apipb_Vrf, _apipb_Vrf__Output>;
    WatchEventRequest: MessageTypeDefinition<_apipb_WatchEventRequest, _apipb_WatchEventRequest__Output>;
    WatchEventResponse: MessageTypeDefinition<_apipb_WatchEventResponse, _apipb_WatchEventResponse__Output>;
  };
  google: {
    protobuf: {
      Any: MessageTypeDefinition<_google_protobuf_Any, _google_protobuf_Any__Output>;
      Empty: MessageTypeDefinition<_google_protobuf_Empty, _google_protobuf_Empty__Output>;
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>;
    };
  };
}
