// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Governor — token-weighted DAO voting (GovernorBravo-style tallies), hand-written.
/// @notice Token holders `vote(proposalId, support)` (0 against, 1 for, 2 abstain) while a proposal is
///         active; the vote weight is the voter's governance-token balance, each voter votes once per
///         proposal, and the per-proposal tallies (shared by every voter: the hot spot) are incremented.
///         `propose` opens a proposal for a number of blocks.

interface IVotesToken {
    function balanceOf(address account) external view returns (uint256);
}

contract Governor {
    struct Proposal {
        address proposer;
        uint64 voteStart;
        uint64 voteEnd;
        uint256 againstVotes;
        uint256 forVotes;
        uint256 abstainVotes;
    }

    IVotesToken public immutable token;
    uint256 public immutable proposalThreshold;
    uint256 public proposalCount;
    mapping(uint256 proposalId => Proposal) public proposals;
    mapping(uint256 proposalId => mapping(address voter => bool)) public hasVoted;

    event ProposalCreated(uint256 indexed proposalId, address indexed proposer, uint256 voteStart, uint256 voteEnd, string description);
    event VoteCast(address indexed voter, uint256 indexed proposalId, uint8 support, uint256 weight);

    error ProposerBelowThreshold(address proposer, uint256 votes, uint256 threshold);
    error UnknownProposal(uint256 proposalId);
    error ProposalNotActive(uint256 proposalId);
    error AlreadyVoted(uint256 proposalId, address voter);
    error InvalidSupport(uint8 support);
    error NoVotingPower(address voter);

    constructor(IVotesToken token_, uint256 proposalThreshold_) {
        token = token_;
        proposalThreshold = proposalThreshold_;
    }

    function propose(string calldata description, uint64 votingPeriod) external returns (uint256 proposalId) {
        uint256 votes = token.balanceOf(msg.sender);
        if (votes < proposalThreshold) revert ProposerBelowThreshold(msg.sender, votes, proposalThreshold);
        proposalId = ++proposalCount;
        Proposal storage p = proposals[proposalId];
        p.proposer = msg.sender;
        p.voteStart = uint64(block.number);
        p.voteEnd = uint64(block.number) + votingPeriod;
        emit ProposalCreated(proposalId, msg.sender, p.voteStart, p.voteEnd, description);
    }

    function vote(uint256 proposalId, uint8 support) external returns (uint256 weight) {
        Proposal storage p = proposals[proposalId];
        if (p.proposer == address(0)) revert UnknownProposal(proposalId);
        if (block.number <= p.voteStart || block.number > p.voteEnd) revert ProposalNotActive(proposalId);
        if (hasVoted[proposalId][msg.sender]) revert AlreadyVoted(proposalId, msg.sender);
        weight = token.balanceOf(msg.sender);
        if (weight == 0) revert NoVotingPower(msg.sender);
        hasVoted[proposalId][msg.sender] = true;
        if (support == 0) p.againstVotes += weight;
        else if (support == 1) p.forVotes += weight;
        else if (support == 2) p.abstainVotes += weight;
        else revert InvalidSupport(support);
        emit VoteCast(msg.sender, proposalId, support, weight);
    }

    function proposalVotes(uint256 proposalId) external view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) {
        Proposal storage p = proposals[proposalId];
        return (p.againstVotes, p.forVotes, p.abstainVotes);
    }
}
